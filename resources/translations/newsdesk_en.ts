<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>ce programme</source>
        <extracomment>newsdesk&apos;s runtime requirements, when its own metadata cannot be read (a bundle whose build did not copy it); pyproject.toml is the source of truth. Where a system keeps the texts of the common licences (Debian and its children). Debian&apos;s Grammalecte: its code and its copyright file.</extracomment>
        <translation>this program</translation>
    </message>
    <message>
        <source>non indiquée</source>
        <translation>not stated</translation>
    </message>
    <message>
        <source>bibliothèque Python</source>
        <translation>Python library</translation>
    </message>
    <message>
        <source>interface (par PySide6)</source>
        <extracomment>A licence named by its SPDX id, and the system&apos;s copy of its text.</extracomment>
        <translation>interface (through PySide6)</translation>
    </message>
    <message>
        <source>LGPL-3.0&#x202f;; Chromium&#xa0;: BSD-3-Clause et les licences de ses composants</source>
        <translation>LGPL-3.0; Chromium: BSD-3-Clause and the licenses of its components</translation>
    </message>
    <message>
        <source>aperçu et PDF</source>
        <translation>preview and PDF</translation>
    </message>
    <message>
        <source>SCOWL (permissive, voir le texte)</source>
        <translation>SCOWL (permissive, see the text)</translation>
    </message>
    <message>
        <source>voir le texte</source>
        <translation>see the text</translation>
    </message>
    <message>
        <source>Dictionnaire %1</source>
        <translation>Dictionary %1</translation>
    </message>
    <message>
        <source>orthographe</source>
        <translation>spelling</translation>
    </message>
    <message>
        <source>grammaire</source>
        <translation>grammar</translation>
    </message>
    <message>
        <source>À propos de newsdesk</source>
        <translation>About newsdesk</translation>
    </message>
    <message>
        <source>&lt;h2&gt;newsdesk %1&lt;/h2&gt;&lt;p&gt;Écrire hors ligne, prévisualiser comme sur le site, publier sans risque.&lt;/p&gt;&lt;p&gt;newsdesk est un logiciel libre, sous licence GPL 3 ou ultérieure (GPL-3.0-or-later). Il s’appuie sur les composants ci-dessous&#x202f;; choisissez-en un pour lire sa licence.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;newsdesk %1&lt;/h2&gt;&lt;p&gt;Write offline, preview as on the site, publish safely.&lt;/p&gt;&lt;p&gt;newsdesk is free software, under the GPL version 3 or later (GPL-3.0-or-later). It is built on the components below; choose one to read its license.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Composant</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>Version installée</source>
        <translation>Installed version</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>License</translation>
    </message>
    <message>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Aucun fichier de cette licence n’est livré ici. Licence&#xa0;: %1.</source>
        <translation>No file of this license ships here. License: %1.</translation>
    </message>
</context>
<context>
    <name>ArticleActions</name>
    <message>
        <source>Photo refusée</source>
        <translation>Photo refused</translation>
    </message>
    <message>
        <source>description</source>
        <translation>description</translation>
    </message>
    <message>
        <source>Image refusée</source>
        <translation>Image refused</translation>
    </message>
    <message>
        <source>Importer des articles</source>
        <translation>Import articles</translation>
    </message>
    <message>
        <source>Articles (*.md *.markdown *.txt *.docx);;Tous les fichiers (*)</source>
        <translation>Articles (*.md *.markdown *.txt *.docx);;All files (*)</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) importé(s)</source>
        <translation>
            <numerusform>%n article imported</numerusform>
            <numerusform>%n articles imported</numerusform>
        </translation>
    </message>
    <message>
        <source>Import incomplet</source>
        <translation>Import incomplete</translation>
    </message>
    <message>
        <source>Import à vérifier</source>
        <translation>Import: please check</translation>
    </message>
    <message>
        <source>Markdown, avec ses images à côté (*.md)</source>
        <translation>Markdown, its images beside it (*.md)</translation>
    </message>
    <message>
        <source>Page HTML, images comprises (*.html)</source>
        <translation>HTML page, images included (*.html)</translation>
    </message>
    <message>
        <source>ninjs, le JSON des agences IPTC (*.json)</source>
        <translation>ninjs, the news agencies&apos; IPTC JSON (*.json)</translation>
    </message>
    <message>
        <source>PDF pour l’impression, A4 (*.pdf)</source>
        <translation>PDF for printing, A4 (*.pdf)</translation>
    </message>
    <message>
        <source>Exporter l’article</source>
        <translation>Export the article</translation>
    </message>
    <message>
        <source>Exporté&#xa0;: %1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <source>Export impossible</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <source>Mise en page du PDF…</source>
        <translation>Laying out the PDF…</translation>
    </message>
    <message>
        <source>Mettre à la corbeille</source>
        <translation>Move to the Trash</translation>
    </message>
    <message>
        <source>Mettre «&#xa0;%1&#xa0;» à la corbeille&#xa0;?</source>
        <translation>Move “%1” to the Trash?</translation>
    </message>
    <message>
        <source>(sans titre)</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>Il quitte la bibliothèque et la recherche, mais rien n’est effacé&#xa0;: l’onglet «&#xa0;Corbeille&#xa0;» le garde, avec «&#xa0;Restaurer&#xa0;» pour le reprendre. Ce qui est déjà sur le site n’y est pas touché.</source>
        <translation>It leaves the library and the search, but nothing is erased: the “Trash” tab keeps it, with “Restore” to take it back. What is already on the site is not touched.</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>«&#xa0;%1&#xa0;» est dans la Corbeille (onglet «&#xa0;Corbeille&#xa0;», puis «&#xa0;Restaurer&#xa0;»).</source>
        <translation>“%1” is in the Trash (the “Trash” tab, then “Restore”).</translation>
    </message>
    <message>
        <source>«&#xa0;%1&#xa0;» est de retour dans la bibliothèque.</source>
        <translation>“%1” is back in the library.</translation>
    </message>
</context>
<context>
    <name>ArticleEditor</name>
    <message>
        <source>Rubrique</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>Titre de l’article</source>
        <translation>The article&apos;s headline</translation>
    </message>
    <message>
        <source>Chapeau&#xa0;: deux ou trois lignes qui résument</source>
        <translation>Standfirst: two or three lines that sum up the story</translation>
    </message>
    <message>
        <source>fixée</source>
        <translation>set</translation>
    </message>
    <message>
        <source>Sans date fixée, l’article prend la date de sa publication.</source>
        <translation>Without a set date, the article takes the date it is published.</translation>
    </message>
    <message>
        <source>Français</source>
        <translation>French</translation>
    </message>
    <message>
        <source>Anglais</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Légende&#xa0;: qui est sur la photo</source>
        <translation>Caption: who is in the photo</translation>
    </message>
    <message>
        <source>Crédit&#xa0;: auteur de la photo</source>
        <translation>Credit: who took the photo</translation>
    </message>
    <message>
        <source>Texte alternatif&#xa0;: la photo décrite</source>
        <translation>Alt text: the photo described</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Titre</source>
        <translation>Headline</translation>
    </message>
    <message>
        <source>Chapeau</source>
        <translation>Standfirst</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Byline</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Langue</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Slug</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Ville d’où vous écrivez</source>
        <translation>Town you are writing from</translation>
    </message>
    <message>
        <source>ex.&#xa0;: A.Y. Barma</source>
        <translation>e.g. A.Y. Barma</translation>
    </message>
    <message>
        <source>ex.&#xa0;: actuniger.com</source>
        <translation>e.g. actuniger.com</translation>
    </message>
    <message>
        <source>fuseau inconnu</source>
        <translation>unknown time zone</translation>
    </message>
    <message>
        <source>Légende</source>
        <translation>Caption</translation>
    </message>
    <message>
        <source>Crédit</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>Texte alt.</source>
        <translation>Alt text</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Chercher dans le texte…</source>
        <translation>Find in text…</translation>
    </message>
    <message>
        <source>Brouillon</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Prêt</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>En relecture</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>Programmé</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>Publié</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Intertitre</source>
        <translation>Intertitle</translation>
    </message>
    <message>
        <source>Faire de la ligne un intertitre (##)</source>
        <translation>Make the line an intertitle (##)</translation>
    </message>
    <message>
        <source>«&#xa0;Citation&#xa0;»</source>
        <translation>“Quote”</translation>
    </message>
    <message>
        <source>Citation entre guillemets français</source>
        <translation>Quotation in French guillemets</translation>
    </message>
    <message>
        <source>citation</source>
        <translation>quotation</translation>
    </message>
    <message>
        <source>Gras</source>
        <translation>Bold</translation>
    </message>
    <message>
        <source>Mettre en gras (Ctrl+B)</source>
        <translation>Bold (Ctrl+B)</translation>
    </message>
    <message>
        <source>texte en gras</source>
        <translation>bold text</translation>
    </message>
    <message>
        <source>Italique</source>
        <translation>Italic</translation>
    </message>
    <message>
        <source>Mettre en italique (Ctrl+I)</source>
        <translation>Italic (Ctrl+I)</translation>
    </message>
    <message>
        <source>texte en italique</source>
        <translation>italic text</translation>
    </message>
    <message>
        <source>Lien</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Insérer un lien (Ctrl+K)</source>
        <translation>Insert a link (Ctrl+K)</translation>
    </message>
    <message>
        <source>texte du lien</source>
        <translation>link text</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Insérer une image dans le texte</source>
        <translation>Insert an image in the text</translation>
    </message>
    <message>
        <source>Choisir une image</source>
        <translation>Choose an image</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.webp *.gif)</source>
        <translation>Images (*.jpg *.jpeg *.png *.webp *.gif)</translation>
    </message>
    <message>
        <source>La date reste celle enregistrée.</source>
        <translation>The date stays as saved.</translation>
    </message>
    <message>
        <source>slug-de-l-article</source>
        <translation>article-slug</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>Sauvegarder tout</source>
        <translation>Back up everything</translation>
    </message>
    <message>
        <source>Sauvegardes newsdesk (*.zip)</source>
        <translation>newsdesk backups (*.zip)</translation>
    </message>
    <message>
        <source>Sauvegarde en cours…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>Sauvegarde écrite</source>
        <translation>Backup written</translation>
    </message>
    <message>
        <source>Sauvegarde impossible</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>Restaurer une sauvegarde</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>Sauvegardes newsdesk (*.zip);;Tous les fichiers (*)</source>
        <translation>newsdesk backups (*.zip);;All files (*)</translation>
    </message>
    <message>
        <source>Remplacer les articles ?</source>
        <translation>Replace the articles?</translation>
    </message>
    <message>
        <source>Ce dossier contient déjà des articles. Les remplacer par ceux de la sauvegarde&#x202f;? Ceux d’aujourd’hui sont d’abord mis de côté dans le dossier des sauvegardes.</source>
        <translation>This folder already holds articles. Replace them with the backup’s? Today’s are first set aside in the backups folder.</translation>
    </message>
    <message>
        <source>Remplacer</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Restauration impossible</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>L’article à l’écran n’a pas pu être enregistré&#xa0;: rien n’a été restauré. Enregistrez-le (ou réglez le conflit), puis recommencez.</source>
        <translation>The article on screen could not be saved: nothing was restored. Save it (or resolve the conflict), then try again.</translation>
    </message>
    <message>
        <source>Restauration en cours…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <source>Sauvegarde restaurée</source>
        <translation>Backup restored</translation>
    </message>
    <message>
        <source>newsdesk va se fermer&#xa0;: rouvrez-le pour retrouver les articles restaurés.</source>
        <translation>newsdesk will now close: open it again to find the restored articles.</translation>
    </message>
</context>
<context>
    <name>BodyEditor</name>
    <message>
        <source>Écrivez l’article ici… (## pour un intertitre)</source>
        <extracomment>Spelling and grammar underlines (ui/spell_highlighter.SpellDecorator), set by the window; None checks nothing.</extracomment>
        <translation>Write the article here… (## for an intertitle)</translation>
    </message>
    <message>
        <source>Bloc du site conservé tel quel&#xa0;: il repartira intact sur le site. Pour le retirer, sélectionnez-le en entier.</source>
        <translation>A block of the site, kept as it is: it will go back to the site intact. To remove it, select it whole.</translation>
    </message>
</context>
<context>
    <name>ChecklistButton</name>
    <message>
        <source>Règles de publication du site…</source>
        <extracomment>How long after the last edit the list is worked out again. The mark of each kind of item, as ``newsdesk check`` prints it. The form&apos;s spelling and grammar findings, (words, phrases), None each when not checked (set by the window once its spelling is wired).</extracomment>
        <translation>Publishing rules of the site…</translation>
    </message>
    <message numerus="yes">
        <source>✗ %n à corriger</source>
        <translation>
            <numerusform>✗ %n to fix</numerusform>
            <numerusform>✗ %n to fix</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n à compléter</source>
        <translation>
            <numerusform>• %n to complete</numerusform>
            <numerusform>• %n to complete</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ Prêt</source>
        <translation>✓ Ready</translation>
    </message>
    <message>
        <source>L’article peut être publié sur ce site.</source>
        <translation>The article may be published on this site.</translation>
    </message>
    <message>
        <source>L’article peut être soumis pour relecture&#xa0;; pour le publier, complétez ce qui est marqué •.</source>
        <translation>The article may be submitted for review; to publish it, complete what is marked •.</translation>
    </message>
    <message>
        <source>Rien ne peut partir avant de corriger ce qui est marqué ✗.</source>
        <translation>Nothing can go before what is marked ✗ is fixed.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Conflit avec le site</source>
        <translation>Conflict with the site</translation>
    </message>
    <message>
        <source>L’article a été modifié sur le site «&#xa0;%1&#xa0;» depuis votre dernier envoi (par exemple par la rédaction). Comparez, puis choisissez.</source>
        <translation>The article was changed on the site “%1” since you last sent it (by the desk, for example). Compare, then choose.</translation>
    </message>
    <message>
        <source>Ma version</source>
        <translation>My version</translation>
    </message>
    <message>
        <source>Version du site</source>
        <translation>The site&apos;s version</translation>
    </message>
    <message>
        <source>Titre</source>
        <translation>Headline</translation>
    </message>
    <message>
        <source>Chapeau</source>
        <translation>Standfirst</translation>
    </message>
    <message>
        <source>Texte</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>différent</source>
        <translation>different</translation>
    </message>
    <message>
        <source>Garder ma version</source>
        <translation>Keep my version</translation>
    </message>
    <message>
        <source>Prendre celle du site</source>
        <translation>Take the site&apos;s</translation>
    </message>
    <message>
        <source>Fusionner</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>Votre version remplace celle du site&#xa0;; ses changements sont perdus.</source>
        <translation>Your version replaces the site&apos;s; its changes are lost.</translation>
    </message>
    <message>
        <source>La version du site devient celle de l’article&#xa0;; la vôtre reste dans l’historique.</source>
        <translation>The site&apos;s version becomes the article&apos;s; yours stays in the history.</translation>
    </message>
    <message>
        <source>Garder les changements des deux côtés&#xa0;; là où les deux ont changé les mêmes lignes, vous choisirez.</source>
        <translation>Keep the changes of both sides; where both changed the same lines, you will choose.</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ConflictFlow</name>
    <message>
        <source>Lecture de la version du site…</source>
        <translation>Reading the site&apos;s version…</translation>
    </message>
    <message>
        <source>L’article n’a pas pu être enregistré&#xa0;: le conflit n’est pas réglé.</source>
        <translation>The article could not be saved: the conflict is not settled.</translation>
    </message>
    <message>
        <source>La version du site est reprise&#xa0;; la vôtre reste dans l’historique (version %1).</source>
        <translation>The site&apos;s version is taken; yours stays in the history (version %1).</translation>
    </message>
    <message>
        <source>Les deux versions changent les mêmes lignes&#xa0;: l’article fusionné est enregistré avec les deux passages&#xa0;; corrigez-le puis publiez.</source>
        <translation>Both versions change the same lines: the merged article is saved with both passages; fix it, then publish.</translation>
    </message>
    <message>
        <source>Envoi…</source>
        <translation>Sending…</translation>
    </message>
</context>
<context>
    <name>ErrorHook</name>
    <message>
        <source>Erreur inattendue</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Une erreur inattendue s’est produite, mais votre article est enregistré et newsdesk continue&#xa0;: vous pouvez reprendre votre travail.</source>
        <translation>Something unexpected went wrong, but your article is saved and newsdesk carries on: you can go back to your work.</translation>
    </message>
    <message>
        <source>Une erreur inattendue s’est produite et votre article n’a pas pu être enregistré&#xa0;: il est toujours à l’écran, ne fermez pas la fenêtre et réessayez Fichier ▸ Enregistrer.</source>
        <translation>Something unexpected went wrong and your article could not be saved: it is still on screen; do not close the window, and try File ▸ Save again.</translation>
    </message>
    <message>
        <source>Le détail est dans le journal&#xa0;: %1</source>
        <translation>The details are in the log: %1</translation>
    </message>
    <message>
        <source>C’est arrivé %1&#xa0;fois.</source>
        <translation>It happened %1 times.</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>Fermer</source>
        <extracomment>The guide&apos;s stylesheet: QTextBrowser&apos;s subset of CSS, the preview&apos;s colours.</extracomment>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Historique de l’article</source>
        <translation>Article history</translation>
    </message>
    <message>
        <source>Version %1 · %2 · %3 mots · %4</source>
        <translation>Version %1 · %2 · %3 words · %4</translation>
    </message>
    <message>
        <source>(sans titre)</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>Restaurer cette version</source>
        <translation>Restore this version</translation>
    </message>
</context>
<context>
    <name>ImageDropZone</name>
    <message>
        <source>Photo&#xa0;: déposez une image ici ou cliquez pour choisir</source>
        <translation>Photo: drop an image here or click to choose</translation>
    </message>
    <message>
        <source>Import de la photo…</source>
        <translation>Importing the photo…</translation>
    </message>
    <message>
        <source>Choisir la photo</source>
        <translation>Choose the photo</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.webp *.gif)</source>
        <translation>Images (*.jpg *.jpeg *.png *.webp *.gif)</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>brouillon</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>prêt</source>
        <translation>ready</translation>
    </message>
    <message>
        <source>en relecture</source>
        <translation>in review</translation>
    </message>
    <message>
        <source>programmé</source>
        <translation>scheduled</translation>
    </message>
    <message>
        <source>publié</source>
        <translation>published</translation>
    </message>
    <message>
        <source>(sans titre)</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>Rechercher…</source>
        <extracomment>Search results shown: the best 50 are what a reporter reads, and each one costs a snippet; 500 of them took ~50 ms on 10,000 articles (benchmarks).</extracomment>
        <translation>Search…</translation>
    </message>
    <message>
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Brouillons</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>Prêts</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Publiés</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Corbeille</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>Les articles supprimés, qu’on peut restaurer</source>
        <translation>Deleted articles, which can be restored</translation>
    </message>
    <message>
        <source>Restaurer</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Sortir l’article choisi de la Corbeille et le rouvrir</source>
        <translation>Take the chosen article out of the Trash and open it again</translation>
    </message>
    <message>
        <source>Toutes les rubriques</source>
        <translation>All sections</translation>
    </message>
    <message>
        <source>La recherche n’a pas pu aboutir&#xa0;: %1</source>
        <translation>The search failed: %1</translation>
    </message>
    <message>
        <source>Aucun article ne correspond à «&#xa0;%1&#xa0;».</source>
        <translation>No article matches “%1”.</translation>
    </message>
    <message>
        <source>La Corbeille est vide.</source>
        <translation>The Trash is empty.</translation>
    </message>
    <message>
        <source>Aucun article ici pour l’instant.</source>
        <translation>No articles here yet.</translation>
    </message>
    <message>
        <source>1 article en tout</source>
        <translation>1 article in all</translation>
    </message>
    <message>
        <source>%1 articles en tout</source>
        <translation>%1 articles in all</translation>
    </message>
    <message>
        <source>Historique…</source>
        <translation>History…</translation>
    </message>
    <message>
        <source>Mettre à la corbeille</source>
        <translation>Move to the Trash</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>L’aperçu n’a pas pu être mis à jour&#xa0;: %1</source>
        <extracomment>At most how long the store waits for the first article&apos;s preview (see ``MainWindow._show_first_article``). Spelling starts with the first preview on screen, or this long after start-up when none comes (the preview hidden, an empty library). After the first preview has loaded, how long the store&apos;s opening (SQLAlchemy&apos;s import on the database worker) and the spelling process wait: Chromium paints the page meanwhile, on an interface thread that would otherwise share Python&apos;s lock with them (measured from outside: the preview complete ~0.1 s sooner at 20,000 words).</extracomment>
        <translation>The preview could not be updated: %1</translation>
    </message>
    <message>
        <source>Impossible d’ouvrir les articles</source>
        <translation>Cannot open the articles</translation>
    </message>
    <message>
        <source>Aucun fichier n’a été modifié. Fermez newsdesk et réessayez.</source>
        <translation>No file was changed. Close newsdesk and try again.</translation>
    </message>
    <message>
        <source>Quitter sans enregistrer&#xa0;?</source>
        <translation>Quit without saving?</translation>
    </message>
    <message>
        <source>L’article n’a pas pu être enregistré. Quitter quand même&#xa0;?</source>
        <translation>The article could not be saved. Quit anyway?</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Nouvelle clé d’API Admin</source>
        <translation>New Admin API key</translation>
    </message>
    <message>
        <source>Le site %1 refuse la clé d’API Admin de %2 (révoquée ou changée). Collez une nouvelle clé (Ghost ▸ Réglages ▸ Intégrations)&#xa0;: les envois en attente sont gardés et repartiront.</source>
        <translation>The site %1 refuses %2’s Admin API key (revoked or changed). Paste a new key (Ghost ▸ Settings ▸ Integrations): queued sendings are kept and will leave again.</translation>
    </message>
    <message>
        <source>Nouveau mot de passe</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Le site %1 refuse le mot de passe de %2 (révoqué ou changé). Saisissez un nouveau mot de passe d’application&#xa0;: les envois en attente sont gardés et repartiront.</source>
        <translation>The site %1 refuses the password of %2 (revoked or changed). Enter a new application password: the waiting sendings are kept and will leave again.</translation>
    </message>
    <message>
        <source>Valider</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Vérification auprès du site…</source>
        <translation>Checking with the site…</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Préférences</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Orthographe…</source>
        <translation>Spelling…</translation>
    </message>
    <message>
        <source>Langue de l’interface</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Celle du système</source>
        <translation>The system’s</translation>
    </message>
    <message>
        <source>Un changement de langue prend effet au prochain démarrage de newsdesk.</source>
        <translation>A change of language takes effect the next time newsdesk starts.</translation>
    </message>
    <message>
        <source>Pour chaque nouvel article</source>
        <translation>For each new article</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Byline</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>votre nom, comme le site l’imprime</source>
        <translation>your name, as the site prints it</translation>
    </message>
    <message>
        <source>par exemple le nom du site</source>
        <translation>for example the site’s name</translation>
    </message>
    <message>
        <source>votre ville</source>
        <translation>your town</translation>
    </message>
    <message>
        <source>Éditeur</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>&#xa0;s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Enregistrer au moins toutes les</source>
        <translation>Save at least every</translation>
    </message>
    <message>
        <source>celle du système</source>
        <translation>the system’s</translation>
    </message>
    <message>
        <source>&#xa0;points</source>
        <translation> points</translation>
    </message>
    <message>
        <source>Taille du texte</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>Dossier des données</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Les articles, les images, les sauvegardes et le journal (logs) y sont gardés. Sauvegardez-le de temps en temps sur une clé.</source>
        <translation>Articles, images, backups and the log (logs) are kept there. Copy it to a USB stick now and then.</translation>
    </message>
    <message>
        <source>Ouvrir le dossier</source>
        <translation>Open the folder</translation>
    </message>
    <message>
        <source>Le dossier n’a pas pu être ouvert&#xa0;: son chemin est ci-dessus.</source>
        <translation>The folder could not be opened: its path is above.</translation>
    </message>
    <message>
        <source>Les préférences n’ont pas pu être enregistrées sur le disque (plein, ou en lecture seule&#x202f;?).</source>
        <translation>The preferences could not be saved to the disk (full, or read-only?).</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Aperçu</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Bureau</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <source>Largeur d’un écran d’ordinateur</source>
        <translation>Width of a computer screen</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Largeur d’un téléphone (375 pixels)</source>
        <translation>Width of a phone (375 pixels)</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Règles de publication&#xa0;: %1</source>
        <translation>Publishing rules: %1</translation>
    </message>
    <message>
        <source>Ce qu’un article doit avoir pour être publié directement sur ce site. Un article incomplet peut toujours être soumis pour relecture.</source>
        <translation>What an article must have to be published directly on this site. An incomplete article may always be submitted for review.</translation>
    </message>
    <message>
        <source>aucune</source>
        <translation>none</translation>
    </message>
    <message>
        <source> caractères</source>
        <translation> characters</translation>
    </message>
    <message>
        <source> mots</source>
        <translation> words</translation>
    </message>
    <message>
        <source>Chapeau</source>
        <translation>Standfirst</translation>
    </message>
    <message>
        <source>Rubrique</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Photo d’en-tête</source>
        <translation>Header photo</translation>
    </message>
    <message>
        <source>Légende de la photo</source>
        <translation>Photo caption</translation>
    </message>
    <message>
        <source>Crédit de la photo</source>
        <translation>Photo credit</translation>
    </message>
    <message>
        <source>Texte alternatif de la photo</source>
        <translation>Photo alt text</translation>
    </message>
    <message>
        <source>Aucune image introuvable</source>
        <translation>No missing image</translation>
    </message>
    <message>
        <source>Aucun lien sans adresse</source>
        <translation>No link without an address</translation>
    </message>
    <message>
        <source>Aucune faute d’orthographe signalée</source>
        <translation>No spelling mistake flagged</translation>
    </message>
    <message>
        <source>Aucune faute de grammaire signalée</source>
        <translation>No grammar mistake flagged</translation>
    </message>
    <message>
        <source>Obligatoires</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>Tags, au moins</source>
        <translation>Tags, at least</translation>
    </message>
    <message>
        <source>Titre, au moins</source>
        <translation>Headline, at least</translation>
    </message>
    <message>
        <source>Titre, au plus</source>
        <translation>Headline, at most</translation>
    </message>
    <message>
        <source>Chapeau, au moins</source>
        <translation>Standfirst, at least</translation>
    </message>
    <message>
        <source>Chapeau, au plus</source>
        <translation>Standfirst, at most</translation>
    </message>
    <message>
        <source>Texte, au moins</source>
        <translation>Body, at least</translation>
    </message>
    <message>
        <source>Marques à ne pas laisser</source>
        <translation>Markers not to leave</translation>
    </message>
    <message>
        <source>Vérifications</source>
        <translation>Checks</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Règles recommandées</source>
        <translation>Recommended rules</translation>
    </message>
</context>
<context>
    <name>PublishButton</name>
    <message>
        <source>Publier</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>Publier maintenant</source>
        <translation>Publish now</translation>
    </message>
    <message>
        <source>Soumettre pour relecture</source>
        <translation>Submit for review</translation>
    </message>
    <message>
        <source>Programmer…</source>
        <translation>Schedule…</translation>
    </message>
    <message>
        <source>Enregistrer comme brouillon sur le site</source>
        <translation>Save as a draft on the site</translation>
    </message>
    <message>
        <source>Mettre à jour</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>Dépublier</source>
        <translation>Unpublish</translation>
    </message>
    <message>
        <source>Envoyer tout de suite ce qui attend, sans attendre le prochain essai</source>
        <translation>Send what is waiting right now, without waiting for the next try</translation>
    </message>
    <message>
        <source>L’article n’a pas pu être enregistré&#xa0;: rien n’a été envoyé.</source>
        <translation>The article could not be saved: nothing was sent.</translation>
    </message>
    <message>
        <source>L’article est vide&#xa0;: rien à publier.</source>
        <translation>The article is empty: nothing to publish.</translation>
    </message>
    <message>
        <source>Aucun site choisi&#xa0;: rien n’a été envoyé.</source>
        <translation>No site chosen: nothing was sent.</translation>
    </message>
    <message>
        <source>L’article n’a pas pu être enregistré&#xa0;: rien n’a été changé.</source>
        <translation>The article could not be saved: nothing was changed.</translation>
    </message>
    <message>
        <source>Écrivez d’abord l’article&#xa0;: le site sera retenu avec lui.</source>
        <translation>Write the article first: the site will be kept with it.</translation>
    </message>
    <message>
        <source>En attente d’envoi.</source>
        <translation>Waiting to be sent.</translation>
    </message>
    <message>
        <source>Envoi…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Envoyer maintenant</source>
        <translation>Send now</translation>
    </message>
    <message>
        <source>Sur %1</source>
        <translation>To %1</translation>
    </message>
    <message>
        <source>L’article sera envoyé sur %1</source>
        <translation>The article will be sent to %1</translation>
    </message>
    <message>
        <source>Choisir le site…</source>
        <translation>Choose the site…</translation>
    </message>
    <message>
        <source>Plusieurs sites sont connectés&#xa0;: choisissez celui de cet article.</source>
        <translation>Several sites are connected: choose this article&apos;s.</translation>
    </message>
    <message>
        <source>Site&#xa0;: %1</source>
        <translation>Site: %1</translation>
    </message>
    <message>
        <source>Site&#xa0;: à choisir</source>
        <translation>Site: to be chosen</translation>
    </message>
    <message>
        <source>Hors ligne</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>1 envoi en attente</source>
        <translation>1 sending waiting</translation>
    </message>
    <message>
        <source>%1 envois en attente</source>
        <translation>%1 sendings waiting</translation>
    </message>
    <message>
        <source>Résoudre le conflit…</source>
        <translation>Resolve the conflict…</translation>
    </message>
    <message>
        <source>Saisir un nouveau mot de passe…</source>
        <translation>Enter a new password…</translation>
    </message>
    <message>
        <source>Connecter un site…</source>
        <translation>Connect a site…</translation>
    </message>
</context>
<context>
    <name>PullDialog</name>
    <message>
        <source>Ouvrir un article du site</source>
        <translation>Open a post from the site</translation>
    </message>
    <message>
        <source>https://… ou 1234</source>
        <translation>https://… or 1234</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Lien ou numéro de l’article</source>
        <translation>Link or number of the post</translation>
    </message>
    <message>
        <source>L’article s’ouvre dans la bibliothèque. Corrigez-le puis « Mettre à jour » : sur le site, seul ce que vous avez changé changera.</source>
        <translation>The post opens in the library. Correct it, then “Update”: on the site, only what you changed will change.</translation>
    </message>
    <message>
        <source>Ouvrir</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Collez le lien de l’article, ou tapez son numéro.</source>
        <translation>Paste the post’s link, or type its number.</translation>
    </message>
</context>
<context>
    <name>PullFromSite</name>
    <message>
        <source>Ouvrir un article du site…</source>
        <translation>Open a post from the site…</translation>
    </message>
    <message>
        <source>Corriger un article déjà en ligne, même écrit sur le site</source>
        <translation>Correct a post already online, even one written on the site</translation>
    </message>
    <message>
        <source>Ouvrir un article du site</source>
        <translation>Open a post from the site</translation>
    </message>
    <message>
        <source>Aucun site n’est connecté : Fichier ▸ Connecter un site…</source>
        <translation>No site is connected: File ▸ Connect a site…</translation>
    </message>
</context>
<context>
    <name>SaveController</name>
    <message>
        <source>Enregistrement impossible</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>Article modifié ailleurs</source>
        <translation>Article changed elsewhere</translation>
    </message>
    <message>
        <source>Votre texte est toujours à l’écran et n’a pas été perdu. Vous pouvez l’enregistrer comme un nouvel article, ou recharger la version enregistrée (vos modifications seront alors abandonnées).</source>
        <translation>Your text is still on screen and has not been lost. You can save it as a new article, or reload the saved version (your changes will then be dropped).</translation>
    </message>
    <message>
        <source>Enregistrer comme copie</source>
        <translation>Save as a copy</translation>
    </message>
    <message>
        <source>Recharger la version enregistrée</source>
        <translation>Reload the saved version</translation>
    </message>
    <message>
        <source>Décider plus tard</source>
        <translation>Decide later</translation>
    </message>
    <message>
        <source>Conflit non résolu&#xa0;: Ctrl+S pour choisir à nouveau.</source>
        <translation>Conflict not resolved: Ctrl+S to choose again.</translation>
    </message>
    <message>
        <source> (copie)</source>
        <translation> (copy)</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <source>Programmer la publication</source>
        <translation>Schedule publication</translation>
    </message>
    <message>
        <source>Programmer</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Date et heure</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>Fuseau horaire</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>L’article sera mis en ligne le&#xa0;:</source>
        <translation>The article goes online on:</translation>
    </message>
    <message>
        <source>Pour vous&#xa0;: %1, fuseau %2 (%3).</source>
        <translation>For you: %1, time zone %2 (%3).</translation>
    </message>
    <message>
        <source>Sur le site %1&#xa0;: %2, heure du site (%3, %4).</source>
        <translation>On the site %1: %2, the site&apos;s time (%3, %4).</translation>
    </message>
    <message>
        <source>Soit %1 en temps universel (UTC)&#xa0;; le site l’affichera à son heure.</source>
        <translation>That is %1 in universal time (UTC); the site will show it in its own time.</translation>
    </message>
    <message>
        <source>Cette date est passée&#xa0;: choisissez une date à venir.</source>
        <translation>This date is past: choose a date to come.</translation>
    </message>
</context>
<context>
    <name>SiteChoiceDialog</name>
    <message>
        <source>Choisir le site</source>
        <translation>Choose the site</translation>
    </message>
    <message>
        <source>cet article</source>
        <translation>this article</translation>
    </message>
    <message>
        <source>Plusieurs sites sont connectés. Sur lequel envoyer «&#xa0;%1&#xa0;»&#xa0;?</source>
        <translation>Several sites are connected. Which one should “%1” go to?</translation>
    </message>
    <message>
        <source>newsdesk retiendra ce choix pour cet article&#xa0;; rien ne part sans lui.</source>
        <translation>newsdesk will remember this choice for this article; nothing leaves without it.</translation>
    </message>
    <message>
        <source>Connecté en tant que %1</source>
        <translation>Connected as %1</translation>
    </message>
    <message>
        <source>Envoyer sur ce site</source>
        <translation>Send to this site</translation>
    </message>
</context>
<context>
    <name>SiteDialog</name>
    <message>
        <source>Connecter un site</source>
        <translation>Connect a site</translation>
    </message>
    <message>
        <source>facultatif</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Adresse du site</source>
        <translation>Site address</translation>
    </message>
    <message>
        <source>Nom d’utilisateur</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Mot de passe d’application</source>
        <translation>Application password</translation>
    </message>
    <message>
        <source>Nom dans newsdesk</source>
        <translation>Name in newsdesk</translation>
    </message>
    <message>
        <source>Le mot de passe d’application se crée dans WordPress&#xa0;: Profil ▸ Mots de passe d’application. Il est gardé dans le trousseau du système, nulle part ailleurs.</source>
        <translation>Application passwords are made in WordPress: Profile ▸ Application Passwords. It is kept in the system keyring, nowhere else.</translation>
    </message>
    <message>
        <source>Un site Ghost se connecte avec sa clé d’API Admin (Réglages ▸ Intégrations), collée à la place du mot de passe&#x202f;; le nom d’utilisateur n’y est qu’un nom.</source>
        <translation>A Ghost site connects with its Admin API key (Settings ▸ Integrations), pasted in place of the password; the user name there is only a name.</translation>
    </message>
    <message>
        <source>Autoriser dans le navigateur…</source>
        <translation>Authorize in the browser…</translation>
    </message>
    <message>
        <source>Ouvre la page d’autorisation du site : une fois que vous avez approuvé newsdesk, le mot de passe arrive ici tout seul.</source>
        <translation>Opens the site&apos;s authorization page: once you have approved newsdesk, the password arrives here by itself.</translation>
    </message>
    <message>
        <source>Connecter</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>L’adresse, le nom d’utilisateur et le mot de passe sont tous trois nécessaires.</source>
        <translation>The address, the user name and the password are all three needed.</translation>
    </message>
    <message>
        <source>Connexion au site…</source>
        <translation>Connecting to the site…</translation>
    </message>
    <message>
        <source>Indiquez d’abord l’adresse du site.</source>
        <translation>Enter the site&apos;s address first.</translation>
    </message>
    <message>
        <source>Approuvez newsdesk dans la page ouverte par le navigateur, puis collez ici le mot de passe qu’elle affiche et cliquez sur « Connecter ».</source>
        <translation>Approve newsdesk on the page the browser opened, then paste here the password it shows and click “Connect”.</translation>
    </message>
    <message>
        <source>Approuvez newsdesk dans la page ouverte par le navigateur ; le mot de passe arrivera ici tout seul.</source>
        <translation>Approve newsdesk on the page the browser opened; the password will arrive here by itself.</translation>
    </message>
    <message>
        <source>Recherche de la page d’autorisation du site…</source>
        <translation>Looking for the site&apos;s authorization page…</translation>
    </message>
</context>
<context>
    <name>SpellMenu</name>
    <message>
        <source>«&#xa0;%1&#xa0;»&#xa0;: mot inconnu</source>
        <translation>“%1”: unknown word</translation>
    </message>
    <message>
        <source>Recherche de suggestions…</source>
        <translation>Looking for suggestions…</translation>
    </message>
    <message>
        <source>Ajouter au dictionnaire</source>
        <translation>Add to dictionary</translation>
    </message>
    <message>
        <source>Ignorer</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <source>Aucune suggestion</source>
        <translation>No suggestions</translation>
    </message>
    <message>
        <source>Ignorer cette faute</source>
        <translation>Ignore this error</translation>
    </message>
    <message>
        <source>Grammaire indisponible&#xa0;: Grammalecte n’est pas installé</source>
        <translation>Grammar unavailable: Grammalecte is not installed</translation>
    </message>
    <message>
        <source>Grammaire indisponible</source>
        <translation>Grammar unavailable</translation>
    </message>
    <message>
        <source>Grammalecte n’est pas installé&#xa0;: l’orthographe est vérifiée, la grammaire ne l’est pas. Sous Debian ou Ubuntu&#xa0;: apt install python3-grammalecte.</source>
        <translation>Grammalecte is not installed: spelling is checked, grammar is not. On Debian or Ubuntu: apt install python3-grammalecte.</translation>
    </message>
</context>
<context>
    <name>SpellingDialog</name>
    <message>
        <source>Orthographe</source>
        <translation>Spelling</translation>
    </message>
    <message>
        <source>Souligner les fautes d’orthographe et de grammaire</source>
        <translation>Underline spelling and grammar mistakes</translation>
    </message>
    <message>
        <source>Le français</source>
        <translation>French</translation>
    </message>
    <message>
        <source>Orthographe classique</source>
        <translation>Classic spelling</translation>
    </message>
    <message>
        <source>Réforme de 1990 («&#xa0;ognon&#xa0;», «&#xa0;maitre&#xa0;»)</source>
        <translation>1990 reform (“ognon”, “maitre”)</translation>
    </message>
    <message>
        <source>L’anglais</source>
        <translation>English</translation>
    </message>
    <message>
        <source>anglais américain</source>
        <translation>American English</translation>
    </message>
    <message>
        <source>anglais britannique</source>
        <translation>British English</translation>
    </message>
    <message>
        <source>Chaque article est vérifié dans sa langue, choisie dans son formulaire.</source>
        <translation>Each article is checked in its own language, chosen in its form.</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Les réglages n’ont pas pu être enregistrés sur le disque (plein, ou en lecture seule&#x202f;?).</source>
        <translation>The settings could not be saved to disk (full, or read-only?).</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Enregistré</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Modifications non enregistrées</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Enregistrement…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Conflit&#xa0;: article modifié ailleurs</source>
        <translation>Conflict: article changed elsewhere</translation>
    </message>
    <message>
        <source>Échec de l’enregistrement</source>
        <translation>Saving failed</translation>
    </message>
    <message>
        <source>Nouvel article</source>
        <translation>New article</translation>
    </message>
    <message>
        <source>%1 mots · %2 caractères · %3 min de lecture</source>
        <translation>%1 words · %2 characters · %3 min read</translation>
    </message>
</context>
<context>
    <name>TagChips</name>
    <message>
        <source>Ajouter un tag…</source>
        <translation>Add a tag…</translation>
    </message>
    <message>
        <source>Retirer le tag «&#xa0;%1&#xa0;»</source>
        <translation>Remove the tag “%1”</translation>
    </message>
</context>
<context>
    <name>TypographyDialog</name>
    <message>
        <source>Typographie</source>
        <translation>Typography</translation>
    </message>
    <message>
        <source>Recherche des corrections typographiques…</source>
        <translation>Looking for typography fixes…</translation>
    </message>
    <message>
        <source>Le point «&#xa0;·&#xa0;» marque une espace insécable.</source>
        <translation>The dot “·” marks a no-break space.</translation>
    </message>
    <message>
        <source>&amp;Appliquer</source>
        <translation>&amp;Apply</translation>
    </message>
    <message>
        <source>&amp;Tout appliquer</source>
        <translation>Apply &amp;all</translation>
    </message>
    <message>
        <source>&amp;Ignorer</source>
        <translation>&amp;Ignore</translation>
    </message>
    <message>
        <source>Cet article n’est pas en français&#xa0;: la typographie française ne s’y applique pas.</source>
        <translation>This article is not in French: French typography does not apply to it.</translation>
    </message>
    <message>
        <source>Rien à corriger&#xa0;: la typographie de l’article est juste.</source>
        <translation>Nothing to fix: the article’s typography is right.</translation>
    </message>
    <message numerus="yes">
        <source>%n correction(s) proposée(s).</source>
        <translation>
            <numerusform>%n fix suggested.</numerusform>
            <numerusform>%n fixes suggested.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sans dictionnaire français, les «&#xa0;œ&#xa0;» et les accents des majuscules n’ont pas été vérifiés.</source>
        <translation>Without a French dictionary, the “œ” and the accents on capitals were not checked.</translation>
    </message>
    <message>
        <source>Espace insécable avant le deux-points</source>
        <translation>No-break space before the colon</translation>
    </message>
    <message>
        <source>Espace insécable à l’intérieur des guillemets</source>
        <translation>No-break space inside the guillemets</translation>
    </message>
    <message>
        <source>Espace fine insécable avant «&#xa0;;&#xa0;», «&#xa0;!&#xa0;» et «&#xa0;?&#xa0;»</source>
        <translation>Narrow no-break space before “;”, “!” and “?”</translation>
    </message>
    <message>
        <source>Guillemets français «&#xa0;» au lieu des guillemets droits</source>
        <translation>French guillemets « » instead of straight quotes</translation>
    </message>
    <message>
        <source>Apostrophe typographique «&#xa0;’&#xa0;» au lieu de l’apostrophe droite</source>
        <translation>Typographic apostrophe “’” instead of the straight one</translation>
    </message>
    <message>
        <source>Points de suspension en un seul signe «&#xa0;…&#xa0;»</source>
        <translation>Ellipsis as one character “…”</translation>
    </message>
    <message>
        <source>Une seule espace entre les mots</source>
        <translation>One space between words</translation>
    </message>
    <message>
        <source>Espace insécable entre le nombre et son unité</source>
        <translation>No-break space between the number and its unit</translation>
    </message>
    <message>
        <source>Milliers séparés par une espace fine insécable</source>
        <translation>Thousands separated by a narrow no-break space</translation>
    </message>
    <message>
        <source>«&#xa0;œ&#xa0;» lié, comme l’écrit le dictionnaire</source>
        <translation>Joined “œ”, as the dictionary spells it</translation>
    </message>
    <message>
        <source>Les majuscules gardent leur accent</source>
        <translation>Capitals keep their accent</translation>
    </message>
    <message>
        <source>Toutes les corrections ont été traitées.</source>
        <translation>All the fixes have been dealt with.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Bienvenue dans newsdesk</source>
        <translation>Welcome to newsdesk</translation>
    </message>
    <message>
        <source>newsdesk sert à écrire vos articles sur cet ordinateur, même sans connexion, et à les voir tels que le site les montrera.
Quand l’article est prêt, il part sur le site d’un clic&#x202f;; sans réseau, il attend et part tout seul au retour de la connexion.</source>
        <translation>newsdesk is for writing your articles on this computer, even without a connection, and seeing them as the site will show them.
When the article is ready, it goes to the site in one click; without a network, it waits and goes by itself when the connection is back.</translation>
    </message>
    <message>
        <source>Nouvel article</source>
        <translation>New article</translation>
    </message>
    <message>
        <source>Importer un fichier</source>
        <translation>Import a file</translation>
    </message>
    <message>
        <source>Connecter un site</source>
        <translation>Connect a site</translation>
    </message>
    <message>
        <source>Écrire</source>
        <translation>Write</translation>
    </message>
    <message>
        <source>Créez un article, ou importez un fichier Word (.docx) ou Markdown (.md). Tout est enregistré au fur et à mesure, sur cet ordinateur.</source>
        <translation>Create an article, or import a Word (.docx) or Markdown (.md) file. Everything is saved as you go, on this computer.</translation>
    </message>
    <message>
        <source>Connecter le site</source>
        <translation>Connect the site</translation>
    </message>
    <message>
        <source>Une seule fois&#xa0;: l’adresse du site, votre identifiant et un mot de passe d’application WordPress, gardé dans le trousseau du système.</source>
        <translation>Once only: the site&apos;s address, your user name and a WordPress application password, kept in the system&apos;s keyring.</translation>
    </message>
    <message>
        <source>Publier</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>Le bouton «&#xa0;Publier&#xa0;», en bas à droite, envoie l’article ou le soumet pour relecture&#x202f;; à côté, la liste de ce que le site demande encore.</source>
        <translation>The “Publish” button, bottom right, sends the article or submits it for review; beside it, the list of what the site still asks for.</translation>
    </message>
    <message>
        <source>Aide ▸ Guide de newsdesk explique le reste, même hors ligne.</source>
        <translation>Help ▸ newsdesk guide explains the rest, even offline.</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;Nouvel article</source>
        <translation>&amp;New article</translation>
    </message>
    <message>
        <source>&amp;Importer…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>&amp;Markdown, avec les images…</source>
        <translation>&amp;Markdown, with its images…</translation>
    </message>
    <message>
        <source>Page &amp;HTML…</source>
        <translation>&amp;HTML page…</translation>
    </message>
    <message>
        <source>&amp;ninjs (JSON IPTC)…</source>
        <translation>&amp;ninjs (IPTC JSON)…</translation>
    </message>
    <message>
        <source>&amp;PDF pour l’impression…</source>
        <translation>&amp;PDF for printing…</translation>
    </message>
    <message>
        <source>Mettre à la &amp;corbeille…</source>
        <translation>Move to the &amp;Trash…</translation>
    </message>
    <message>
        <source>Voir la Co&amp;rbeille</source>
        <translation>Show the T&amp;rash</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Exporter</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>&amp;Sauvegarder tout…</source>
        <translation>&amp;Back up everything…</translation>
    </message>
    <message>
        <source>Restaurer une sau&amp;vegarde…</source>
        <translation>Rest&amp;ore a backup…</translation>
    </message>
    <message>
        <source>&amp;Annuler</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Rétablir</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Rechercher</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>Chercher dans le &amp;texte…</source>
        <translation>Find in &amp;text…</translation>
    </message>
    <message>
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>T&amp;ypographie…</source>
        <translation>T&amp;ypography…</translation>
    </message>
    <message>
        <source>&amp;Orthographe…</source>
        <translation>&amp;Spelling…</translation>
    </message>
    <message>
        <source>&amp;Préférences…</source>
        <translation>&amp;Preferences…</translation>
    </message>
    <message>
        <source>&amp;Aperçu</source>
        <translation>&amp;Preview</translation>
    </message>
    <message>
        <source>Aperçu &amp;mobile</source>
        <translation>&amp;Mobile preview</translation>
    </message>
    <message>
        <source>&amp;Plein écran</source>
        <translation>&amp;Full screen</translation>
    </message>
    <message>
        <source>&amp;Affichage</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Guide de newsdesk</source>
        <translation>newsdesk &amp;guide</translation>
    </message>
    <message>
        <source>À &amp;propos de newsdesk</source>
        <translation>&amp;About newsdesk</translation>
    </message>
    <message>
        <source>&amp;Aide</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>fr</source>
        <comment>the code of this translation&apos;s language: en, fr...</comment>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>site</name>
    <message>
        <source>Connecté à %1 en tant que %2&#xa0;: vous pouvez publier vos articles.</source>
        <translation>Connected to %1 as %2: you can publish your articles.</translation>
    </message>
    <message>
        <source>Connecté à %1 en tant que %2&#xa0;: vous pouvez soumettre vos articles pour relecture&#xa0;; la rédaction les publie.</source>
        <translation>Connected to %1 as %2: you can submit your articles for review; the desk publishes them.</translation>
    </message>
    <message>
        <source>Aucun trousseau sûr</source>
        <translation>No safe keyring</translation>
    </message>
    <message>
        <source>Ce système n’a pas de trousseau sûr pour garder le mot de passe, et newsdesk ne l’écrit jamais dans un fichier.</source>
        <translation>This system has no safe keyring to keep the password, and newsdesk never writes it to a file.</translation>
    </message>
    <message>
        <source>Le garder en mémoire pour cette session seulement&#xa0;? Il faudra le saisir de nouveau au prochain lancement.</source>
        <translation>Keep it in memory for this session only? You will have to enter it again next time.</translation>
    </message>
    <message>
        <source>Garder pour cette session</source>
        <translation>Keep for this session</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>site_date</name>
    <message>
        <source>Date en ligne&#xa0;: celle de la programmation, %1</source>
        <translation>Date online: the scheduled one, %1</translation>
    </message>
    <message>
        <source>Date en ligne&#xa0;: celle du site, gardée (%1)</source>
        <translation>Date online: the site&apos;s, kept (%1)</translation>
    </message>
    <message>
        <source>Date en ligne&#xa0;: l’heure de l’envoi</source>
        <translation>Date online: the moment it is sent</translation>
    </message>
</context>
</TS>
