// The block editor's own serializeAttributes() (wp-includes/js/dist/blocks.js, taken out of
// the file as written) on each object of a JSON list read from stdin; prints the results
// as a JSON list. Used by tests/unit/core/test_site_blocks.py.
const fs = require('fs');
const src = fs.readFileSync('/usr/share/wordpress/wp-includes/js/dist/blocks.js', 'utf8');
const m = src.match(/function serializeAttributes\(attributes\) \{[\s\S]*?\n\}/);
const serializeAttributes = new Function(m[0] + '; return serializeAttributes;')();
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(input.map(serializeAttributes)));
