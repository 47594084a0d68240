<?php
/*
 * Router for `php -S 127.0.0.1:PORT -t /usr/share/wordpress router.php`.
 *
 * The built-in server has no .htaccess, so this file does what Apache's
 * rewrite rules do on a real site:
 *  - uploads live in the run's own WP_CONTENT_DIR, outside the web root, so
 *    /wp-content/... is served from there;
 *  - existing PHP files run as themselves, with the script variables WordPress
 *    reads set as Apache would set them;
 *  - every other path goes to index.php, which makes pretty permalinks
 *    (/wp-json/...) work when the site turns them on.
 *
 * Debian's wp-config.php picks /etc/wordpress/config-<Host>.php unless
 * WORDPRESS_CONFIG names another file. The harness names a per-run file, so
 * two test runs on one machine never read each other's database settings and
 * any Host header (127.0.0.1:PORT, a proxy's port, localhost) reaches the site.
 */

$_SERVER['WORDPRESS_CONFIG'] = getenv('NEWSDESK_WP_CONFIG');
$content_dir = rtrim(getenv('NEWSDESK_WP_CONTENT_DIR'), '/');
$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');

if (str_contains($path, '..') || str_contains($path, "\0")) {
    http_response_code(400);
    return true;
}

function newsdesk_run_php(string $file, string $script_name): void
{
    $_SERVER['SCRIPT_FILENAME'] = $file;
    $_SERVER['SCRIPT_NAME'] = $script_name;
    $_SERVER['PHP_SELF'] = $script_name;
    unset($_SERVER['PATH_INFO'], $_SERVER['ORIG_PATH_INFO']);
    chdir(dirname($file));
}

if (str_starts_with($path, '/wp-content/')) {
    $file = $content_dir . substr($path, strlen('/wp-content'));
    if (is_file($file) && !str_ends_with($file, '.php')) {
        $type = mime_content_type($file) ?: 'application/octet-stream';
        if (str_ends_with($file, '.css')) {
            $type = 'text/css';
        } elseif (str_ends_with($file, '.js')) {
            $type = 'application/javascript';
        }
        header('Content-Type: ' . $type);
        header('Content-Length: ' . filesize($file));
        readfile($file);
        return true;
    }
    // Plugin assets still ship inside the web root.
    if (!is_file($root . $path)) {
        http_response_code(404);
        return true;
    }
}

$file = $root . $path;
if (is_dir($file)) {
    if (!str_ends_with($path, '/')) {
        header('Location: ' . $path . '/', true, 301);
        return true;
    }
    $file .= 'index.php';
    $path .= 'index.php';
}

if (is_file($file)) {
    if (str_ends_with($file, '.php')) {
        newsdesk_run_php($file, $path);
        require $file;
        return true;
    }
    return false;
}

newsdesk_run_php($root . '/index.php', '/index.php');
require $root . '/index.php';
return true;
