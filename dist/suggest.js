/** "Did you mean": the nearest of the known words to a mistyped one, for flags and configuration keys. */
/** The known word closest to a mistyped one (`exlude`, `fail_below`, `failBelow`), if any is close. */
function suggest(word, known) {
    const norm = (s) => s.toLowerCase().replace(/[-_\s]/g, '');
    let best;
    let bestDistance = Infinity;
    for (const k of known) {
        const d = norm(k) === norm(word) ? 0 : distance(norm(k), norm(word));
        if (d < bestDistance) {
            best = k;
            bestDistance = d;
        }
    }
    return bestDistance <= Math.max(1, Math.floor(word.length / 4)) ? best : undefined;
}
/** Edit distance counting a swap of two neighbours as one edit (`scna` is one from `scan`). */
function distance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    const at = (i, j) => d[i][j];
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                best = Math.min(best, at(i - 2, j - 2) + 1);
            d[i][j] = best;
        }
    }
    return at(a.length, b.length);
}

export { suggest as s };
