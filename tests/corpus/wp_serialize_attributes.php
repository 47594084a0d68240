<?php
// WordPress's own serialize_block_attributes() on each JSON object of a JSON list read
// from stdin; prints the results as a JSON list. wp_json_encode() is json_encode() for
// valid UTF-8 (its sanity check runs only when json_encode fails), hence the stand-in.
function wp_json_encode($data, $options = 0, $depth = 512) {
    return json_encode($data, $options, $depth);
}
require '/usr/share/wordpress/wp-includes/blocks.php';
$out = [];
foreach (json_decode(file_get_contents('php://stdin'), true) as $attributes) {
    $out[] = serialize_block_attributes($attributes);
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
