<?php
/*
 * Installs a fresh WordPress for one test run, without a browser.
 *
 * Run by tests/wordpress/harness.py with the environment below; writes the
 * accounts it made (with their Application Passwords) as JSON to
 * NEWSDESK_WP_ACCOUNTS_FILE, readable by the owner only, and nothing secret
 * to stdout or stderr.
 */

umask(077);
$_SERVER['HTTP_HOST'] = getenv('NEWSDESK_WP_HOST');
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = getenv('NEWSDESK_WP_PORT');
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['WORDPRESS_CONFIG'] = getenv('NEWSDESK_WP_CONFIG');

define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

// No sendmail here: wp_install() and wp_insert_user() would try to send mail.
add_filter('pre_wp_mail', '__return_false');

function newsdesk_fail(string $what, $error): void
{
    $message = is_wp_error($error) ? $error->get_error_message() : (string) $error;
    fwrite(STDERR, "install.php: $what: $message\n");
    exit(1);
}

$passwords = json_decode(getenv('NEWSDESK_WP_LOGIN_PASSWORDS'), true);

$installed = wp_install('Le Républicain (site de test newsdesk)', 'admin', 'admin@example.org',
    false, '', $passwords['admin'], '');
if (empty($installed['user_id'])) {
    newsdesk_fail('wp_install', 'no administrator created');
}

// Plain permalinks, as a fresh WordPress has; the harness can switch to
// pretty ones (/wp-json/) for tests that need both forms.
update_option('permalink_structure', '');
delete_option('rewrite_rules');
// A site zone other than UTC and other than most reporters' laptops, so that
// scheduling is tested across zones.
update_option('timezone_string', 'Africa/Lagos');
update_option('date_format', 'j F Y');
update_option('time_format', 'G\hi');
update_option('template', 'newsdesk-test');
update_option('stylesheet', 'newsdesk-test');
// Tests create posts only with the API; the installer's samples would only
// get in the way of "the site holds exactly one copy" checks.
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => -1]) as $post) {
    wp_delete_post($post->ID, true);
}
wp_update_term(1, 'category', ['name' => 'Non classé', 'slug' => 'non-classe']);

$accounts = [
    'admin' => ['user_id' => (int) $installed['user_id'], 'role' => 'administrator'],
];
$people = [
    'reporter' => ['role' => 'author', 'first' => 'Aïssata', 'last' => 'Maïga'],
    'editor' => ['role' => 'editor', 'first' => 'Boubacar', 'last' => 'Traoré'],
];
foreach ($people as $login => $person) {
    $user_id = wp_insert_user([
        'user_login' => $login,
        'user_pass' => $passwords[$login],
        'user_email' => $login . '@example.org',
        'first_name' => $person['first'],
        'last_name' => $person['last'],
        'display_name' => $person['first'] . ' ' . $person['last'],
        'role' => $person['role'],
    ]);
    if (is_wp_error($user_id)) {
        newsdesk_fail("user $login", $user_id);
    }
    $accounts[$login] = ['user_id' => (int) $user_id, 'role' => $person['role']];
}

foreach ($accounts as $login => &$account) {
    $created = WP_Application_Passwords::create_new_application_password(
        $account['user_id'], ['name' => 'newsdesk tests']);
    if (is_wp_error($created)) {
        newsdesk_fail("application password for $login", $created);
    }
    $account['login_password'] = $passwords[$login];
    $account['app_password'] = $created[0];
}
unset($account);

$terms = [
    'category' => ['Politique', 'Économie', 'Société', 'Sport', 'Culture', 'International'],
    'post_tag' => ['Mali', 'Niger', 'Russie'],
];
foreach ($terms as $taxonomy => $names) {
    foreach ($names as $name) {
        $term = wp_insert_term($name, $taxonomy);
        if (is_wp_error($term)) {
            newsdesk_fail("term $name", $term);
        }
    }
}

if (file_put_contents(getenv('NEWSDESK_WP_ACCOUNTS_FILE'), json_encode($accounts)) === false) {
    newsdesk_fail('accounts file', 'cannot write');
}
