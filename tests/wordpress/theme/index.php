<!DOCTYPE html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="<?php bloginfo('charset'); ?>">
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<h1><a href="<?php echo esc_url(home_url('/')); ?>"><?php bloginfo('name'); ?></a></h1>
<?php while (have_posts()) : the_post(); ?>
<article id="post-<?php the_ID(); ?>">
<h2><a href="<?php the_permalink(); ?>"><?php the_title(); ?></a></h2>
<?php if (has_post_thumbnail()) { the_post_thumbnail('large'); } ?>
<div class="excerpt"><?php the_excerpt(); ?></div>
<div class="content"><?php the_content(); ?></div>
</article>
<?php endwhile; ?>
<?php wp_footer(); ?>
</body>
</html>
