<?php
// WordPress's own block parser (the one the site runs) on files given on argv.
// Prints, as JSON, one list per file: each top-level piece's blockName (null for
// freeform), its attrs, its innerHTML (freeform text), and the names nested inside.
// Used by tests/unit/core/test_site_blocks.py and test_wp_content.py.
require '/usr/share/wordpress/wp-includes/class-wp-block-parser.php';

function nested_names($block) {
    $names = [];
    foreach ($block['innerBlocks'] as $inner) {
        $names[] = $inner['blockName'];
        $names = array_merge($names, nested_names($inner));
    }
    return $names;
}

$parser = new WP_Block_Parser();
$out = [];
foreach (array_slice($argv, 1) as $path) {
    $pieces = [];
    foreach ($parser->parse(file_get_contents($path)) as $block) {
        $pieces[] = [
            'name' => $block['blockName'],
            'attrs' => null === $block['attrs'] ? null : (object) $block['attrs'],
            'html' => $block['innerHTML'],
            'nested' => nested_names($block),
        ];
    }
    $out[] = $pieces;
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
