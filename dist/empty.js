/** A scan that cannot run or cannot be trusted: the CLI exits 2, the action fails the step. */
class ScanError extends Error {
}

/** Skipped files listed in the message; the rest are counted (the JSON report lists them all). */
const SKIPPED_SHOWN = 10;
/**
 * No file was analysed. A gate that passes because it looked at nothing is the worst failure a
 * gate can have, so this is an error unless the user allows it (`--allow-empty`, the
 * `allow-empty` input), the way ESLint refuses a pattern that matches no file. A scan whose files
 * were all skipped looked at nothing too, and counts as empty.
 */
class EmptyScanError extends ScanError {
    detail;
    constructor(detail) {
        super('no file was scanned');
        this.detail = detail;
        this.name = 'EmptyScanError';
    }
}
const plural = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;
/** What discovery reads (src/parse/config/kind.ts), as the message names it. */
const KINDS = 'Python, YAML, TOML, INI/.cfg, JSON, .env, Dockerfile, Procfile, Makefile, shell script';
const quoted = (globs) => globs.map((g) => JSON.stringify(g)).join(', ');
/**
 * The message a front door shows: the directory as the user named it, the globs, the skipped files
 * with their reasons, and how to allow an empty scan (`allowHint`, in the front door's words).
 */
function emptyScanMessage(detail, shownRoot, allowHint) {
    const { include, exclude, skipped, templates } = detail;
    const filters = [
        include.length > 0 ? `include ${quoted(include)}` : undefined,
        exclude.length > 0 ? `exclude ${quoted(exclude)}` : undefined,
    ].filter((s) => s !== undefined);
    const where = filters.length > 0 ? `${shownRoot} (${filters.join('; ')})` : shownRoot;
    const lines = [
        skipped.length > 0
            ? `no file was scanned in ${where}: ${skipped.length === 1 ? 'the only file found was skipped' : `all ${plural(skipped.length, 'file')} found were skipped`}:`
            : filters.length > 0
                ? `no file was scanned in ${where}: no supported file (${KINDS}) matched.`
                : `no file was scanned in ${where}: it holds no supported file (${KINDS}).`,
    ];
    for (const s of skipped.slice(0, SKIPPED_SHOWN))
        lines.push(`  ${s.path}: ${s.reason}`);
    if (skipped.length > SKIPPED_SHOWN)
        lines.push(`  … and ${plural(skipped.length - SKIPPED_SHOWN, 'more file')}`);
    if (templates > 0)
        lines.push(`${plural(templates, 'configuration template')} (*.example, *.sample, …) found; templates are not scanned.`);
    lines.push(`A scan that looked at nothing cannot pass; ${allowHint}.`);
    return lines.join('\n');
}

var empty = /*#__PURE__*/Object.freeze({
    __proto__: null,
    EmptyScanError: EmptyScanError,
    emptyScanMessage: emptyScanMessage
});

export { EmptyScanError as E, ScanError as S, empty as a, emptyScanMessage as e };
