<?php
/*
 * Must-use plugin of the test site (copied into the run's WP_CONTENT_DIR).
 * There is no mail on a test machine: WordPress mails on new users, password
 * changes and comments, and would otherwise call sendmail.
 */
add_filter('pre_wp_mail', '__return_false');

/*
 * GET /newsdesk-test/v1/blocks/ID: what the site's own block parser (parse_blocks)
 * finds in a post's stored content, for the tests that check newsdesk writes blocks the
 * block editor takes as its own. Each block: its name (null for freeform HTML), whether
 * a block of that name is registered, whether a freeform piece holds more than
 * whitespace, and its inner blocks. Administrators only.
 */
function newsdesk_test_describe_blocks($blocks) {
    $registry = WP_Block_Type_Registry::get_instance();
    $out = array();
    foreach ($blocks as $block) {
        $name = $block['blockName'];
        $out[] = array(
            'name' => $name,
            'registered' => $name !== null && $registry->is_registered($name),
            'freeform_text' => $name === null && trim($block['innerHTML']) !== '',
            'inner' => newsdesk_test_describe_blocks($block['innerBlocks']),
        );
    }
    return $out;
}

add_action('rest_api_init', function () {
    register_rest_route('newsdesk-test/v1', '/blocks/(?P<id>\d+)', array(
        'methods' => 'GET',
        'permission_callback' => function () {
            return current_user_can('manage_options');
        },
        'callback' => function ($request) {
            $post = get_post((int) $request['id']);
            if (!$post) {
                return new WP_Error('not_found', 'no such post', array('status' => 404));
            }
            return array(
                'has_blocks' => has_blocks($post->post_content),
                'blocks' => newsdesk_test_describe_blocks(parse_blocks($post->post_content)),
            );
        },
    ));
});
