/** Hosts that never leave the machine: loopback, unix sockets, the docker host alias. */
export function isLocalHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === '') return true; // libpq: no host means the local unix socket
  if (h.startsWith('/') || h.startsWith('%2f') || h.startsWith('@')) return true; // socket dir / abstract
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1' || h === '0.0.0.0') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  if (h === 'host.docker.internal') return true;
  return false;
}
