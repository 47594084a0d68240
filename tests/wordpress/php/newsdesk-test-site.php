<?php
/*
 * Must-use plugin of the test site (copied into the run's WP_CONTENT_DIR).
 * There is no mail on a test machine: WordPress mails on new users, password
 * changes and comments, and would otherwise call sendmail.
 */
add_filter('pre_wp_mail', '__return_false');
