"""The article in the middle of the window: its metadata form, a small toolbar and the body.

The editor is passive: it shows an Article and tells the window what changed.
It never talks to the store; the window imports images and saves through the
database worker. The tag chips and the image drop zone are in ``ui.form_widgets``.

Longer than a room should be (about 660 lines): one form whose every field is built,
loaded (``load``) and read back (``current``) here, with the rules between fields (the
date and its zone, the slug's placeholder, the statuses offered). Split further, each
field would be spread over three modules.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QEvent,
    QObject,
    Qt,
    QTimer,
    QTimeZone,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core import rules
from newsdesk.core.article import Article, FeaturedImage, Language, Status
from newsdesk.core.errors import UnknownTimeZone
from newsdesk.ui.form_widgets import ImageDropZone, TagChips
from newsdesk.ui.markdown_edit import BodyEditor, exact_text
from newsdesk.ui.messages import describe_error

# Zones a reporter of the site is likely to need first; any IANA zone is accepted.
COMMON_ZONES = (
    "Africa/Niamey",
    "Africa/Bamako",
    "Africa/Ouagadougou",
    "Africa/Abidjan",
    "Africa/Dakar",
    "Africa/Lagos",
    "Africa/Douala",
    "Europe/Paris",
    "UTC",
)


_OFFSET_ZONE = re.compile(r"^UTC([+-])(\d{2}):(\d{2})$")


def zone_label(moment: datetime) -> str:
    """The zone of an aware date as the zone field shows it: an IANA name, or
    ``UTC+01:00`` for a bare offset (never a guess that would move the time)."""
    key = getattr(moment.tzinfo, "key", None)
    if key:
        return str(key)
    offset = moment.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def parse_zone(text: str) -> tzinfo:
    """The zone field back to a tzinfo (``core.rules.parse_zone``): ``UnknownTimeZone``
    for a zone newsdesk does not know, never a silent UTC."""
    return rules.parse_zone(text)


def _plain_edit(lines: int, parent: QWidget) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    edit.setFixedHeight(height)
    return edit


class ArticleEditor(QWidget):
    """The metadata form, the formatting toolbar and the body editor of one article."""

    # Something the reporter typed or chose; ``"body"`` for the body, else a field name.
    edited = Signal(str)
    image_file_chosen = Signal(Path)
    # The reporter chose an image to place in the body (the window imports it).
    inline_image_chosen = Signal(Path)
    # The editor lost focus: a good moment to save.
    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ArticleEditor")
        self._base = Article()
        self._loading = False
        self._date_touched = False
        # The zone offered for a new date (the ``time_zone`` setting; empty: the computer's).
        self.default_zone = ""

        form_host = QWidget(self)
        form_host.setObjectName("ArticleForm")
        grid = QGridLayout(form_host)
        grid.setContentsMargins(10, 8, 10, 6)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(5)

        self.category = QComboBox(form_host)
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        category_line = self.category.lineEdit()
        if category_line is not None:
            category_line.setPlaceholderText(self.tr("Rubrique"))
        self.dateline = QLineEdit(form_host)
        self.dateline.setPlaceholderText(self.tr("Ville d’où vous écrivez"))
        self.title = QLineEdit(form_host)
        self.title.setObjectName("TitleEdit")
        self.title.setPlaceholderText(self.tr("Titre de l’article"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.standfirst = _plain_edit(3, form_host)
        self.standfirst.setPlaceholderText(self.tr("Chapeau : deux ou trois lignes qui résument"))
        self.byline = QLineEdit(form_host)
        self.byline.setPlaceholderText(self.tr("ex. : A.Y. Barma"))
        self.source = QLineEdit(form_host)
        self.source.setPlaceholderText(self.tr("ex. : actuniger.com"))

        self.date_enabled = QCheckBox(self.tr("fixée"), form_host)
        self.date_enabled.setToolTip(
            self.tr("Sans date fixée, l’article prend la date de sa publication.")
        )
        self.date = QDateTimeEdit(form_host)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.zone = QComboBox(form_host)
        self.zone.setEditable(True)
        self.zone.addItems(list(COMMON_ZONES))
        # A zone typed wrong: said at once, and the date is not changed meanwhile.
        self.zone_error = QLabel(self.tr("fuseau inconnu"), form_host)
        self.zone_error.setObjectName("ZoneError")
        self.zone_error.setStyleSheet("color:#a0281e")
        self.zone_error.hide()
        self.language = QComboBox(form_host)
        self.language.addItem(self.tr("Français"), Language.FR.value)
        self.language.addItem(self.tr("Anglais"), Language.EN.value)
        self.status = QComboBox(form_host)
        self.slug = QLineEdit(form_host)
        self.tags = TagChips(form_host)

        self.image_zone = ImageDropZone(form_host)
        self.caption = QLineEdit(form_host)
        self.caption.setPlaceholderText(self.tr("Légende : qui est sur la photo"))
        self.credit = QLineEdit(form_host)
        self.credit.setPlaceholderText(self.tr("Crédit : auteur de la photo"))
        self.alt = QLineEdit(form_host)
        self.alt.setPlaceholderText(self.tr("Texte alternatif : la photo décrite"))

        def label(text: str) -> QLabel:
            lab = QLabel(text, form_host)
            lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return lab

        top = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        date_box = QWidget(form_host)
        date_row = QHBoxLayout(date_box)
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.date_enabled)
        date_row.addWidget(self.date, 1)
        date_row.addWidget(self.zone, 1)
        date_row.addWidget(self.zone_error)
        photo_box = QWidget(form_host)
        photo_fields = QFormLayout()
        photo_fields.setContentsMargins(0, 0, 0, 0)
        photo_fields.setVerticalSpacing(4)
        photo_fields.addRow(self.tr("Légende"), self.caption)
        photo_fields.addRow(self.tr("Crédit"), self.credit)
        photo_fields.addRow(self.tr("Texte alt."), self.alt)
        photo_row = QHBoxLayout(photo_box)
        photo_row.setContentsMargins(0, 0, 0, 0)
        photo_row.addWidget(self.image_zone)
        photo_row.addLayout(photo_fields, 1)
        tags_label = label(self.tr("Tags"))
        # The chips may wrap onto a second line: the label stays with the first.
        tags_label.setContentsMargins(0, 4, 0, 0)
        # (label, field, full width?) in reading order. Side by side in pairs when
        # the middle pane is wide, one under the other on a small laptop screen.
        self._form_rows: list[tuple[QLabel, QWidget, bool]] = [
            (label(self.tr("Rubrique")), self.category, False),
            (label(self.tr("Lieu")), self.dateline, False),
            (label(self.tr("Titre")), self.title, True),
            (label(self.tr("Chapeau")), self.standfirst, True),
            (label(self.tr("Signature")), self.byline, False),
            (label(self.tr("Source")), self.source, False),
            (label(self.tr("Date")), date_box, False),
            (label(self.tr("Langue")), self.language, False),
            (label(self.tr("Statut")), self.status, False),
            (label(self.tr("Slug")), self.slug, False),
            (tags_label, self.tags, True),
            (label(self.tr("Photo")), photo_box, True),
        ]
        for lab, field, _full in self._form_rows:
            if field in (self.standfirst, self.tags, photo_box):
                lab.setAlignment(top)
        self._grid = grid
        self._form_wide: bool | None = None
        # Fit the form's pane to its fields until the reporter drags the divider.
        self.fit_form_automatically = False
        self._place_form(wide=True)
        # Combos size to their longest entry by default; in a narrow middle pane
        # that would push the right-hand column out of sight.
        for combo in (self.category, self.zone, self.language, self.status):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        for line in (self.dateline, self.byline, self.source, self.slug):
            line.setMinimumWidth(60)

        scroll = QScrollArea(self)
        scroll.setWidget(form_host)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The room the form really has is the viewport's width (the form itself
        # never gets narrower than its minimum, and would be clipped).
        self._form_viewport = scroll.viewport()
        self._form_viewport.installEventFilter(self)

        self.body = BodyEditor(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("FormatBar")
        self._add_format_actions()
        self.find_line = QLineEdit(self)
        self.find_line.setObjectName("FindInText")
        self.find_line.setPlaceholderText(self.tr("Chercher dans le texte…"))
        self.find_line.setClearButtonEnabled(True)
        self.find_line.setMaximumWidth(220)
        self.find_line.returnPressed.connect(lambda: self.body.find_text(self.find_line.text()))
        self.find_line.hide()
        self.body.find_requested.connect(self.show_find)

        body_host = QWidget(self)
        body_layout = QVBoxLayout(body_host)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(0)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 0, 6, 0)
        bar.addWidget(self.toolbar, 1)
        bar.addWidget(self.find_line)
        body_layout.addLayout(bar)
        body_layout.addWidget(self.body, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("EditorSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(body_host)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.splitterMoved.connect(self._on_divider_moved)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([form_host.sizeHint().height(), 400])
        form_host.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._connect_changes()
        self.load(Article())

    # Below this width the form puts one field per line.
    WIDE_FORM_MIN = 660

    def _place_form(self, wide: bool) -> None:
        if wide == self._form_wide:
            return
        self._form_wide = wide
        grid = self._grid
        for lab, field, _full in self._form_rows:
            grid.removeWidget(lab)
            grid.removeWidget(field)
        row, column = 0, 0
        for lab, field, full in self._form_rows:
            if not wide or full:
                if column:
                    row, column = row + 1, 0
                grid.addWidget(lab, row, 0)
                grid.addWidget(field, row, 1, 1, 3)
                row += 1
            else:
                grid.addWidget(lab, row, column)
                grid.addWidget(field, row, column + 1)
                column = 2 if column == 0 else 0
                row += 1 if column == 0 else 0
        grid.setColumnStretch(1, 3 if wide else 1)
        grid.setColumnStretch(3, 2 if wide else 0)
        # Spare height goes below the last field, not between the fields.
        for number in range(grid.rowCount()):
            grid.setRowStretch(number, 0)
        grid.setRowStretch(row + (1 if column else 0), 1)
        if self.fit_form_automatically:
            QTimer.singleShot(0, self.fit_form)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._form_viewport and event.type() == QEvent.Type.Resize:
            self._place_form(wide=self._form_viewport.width() >= self.WIDE_FORM_MIN)
        return super().eventFilter(watched, event)

    def is_form_wide(self) -> bool:
        return bool(self._form_wide)

    # What the reporter sets by hand; the other statuses come from publishing.
    WRITER_STATUSES = (Status.DRAFT, Status.READY)

    def _offer_statuses(self, current: Status) -> None:
        """Brouillon and Prêt, plus the article's publishing status if it has one:
        choosing « Publié » by hand would claim a publication that never happened."""
        labels = self._status_labels()
        self.status.clear()
        for status in self.WRITER_STATUSES:
            self.status.addItem(labels[status], status.value)
        if current not in self.WRITER_STATUSES:
            self.status.addItem(labels[current], current.value)
        self.status.setCurrentIndex(max(0, self.status.findData(current.value)))

    @staticmethod
    def _status_labels() -> dict[Status, str]:
        translate = QCoreApplication.translate
        return {
            Status.DRAFT: translate("ArticleEditor", "Brouillon"),
            Status.READY: translate("ArticleEditor", "Prêt"),
            Status.PENDING: translate("ArticleEditor", "En relecture"),
            Status.SCHEDULED: translate("ArticleEditor", "Programmé"),
            Status.PUBLISHED: translate("ArticleEditor", "Publié"),
        }

    def _add_format_actions(self) -> None:
        b = self.body
        specs = [
            (self.tr("Intertitre"), self.tr("Faire de la ligne un intertitre (##)"),
             lambda: b.prefix_lines("## ")),
            (self.tr("« Citation »"), self.tr("Citation entre guillemets français"),
             lambda: b.wrap_selection("« ", " »", self.tr("citation"))),
            (self.tr("Gras"), self.tr("Mettre en gras (Ctrl+B)"),
             lambda: b.wrap_selection("**", "**", self.tr("texte en gras"))),
            (self.tr("Italique"), self.tr("Mettre en italique (Ctrl+I)"),
             lambda: b.wrap_selection("*", "*", self.tr("texte en italique"))),
            (self.tr("Lien"), self.tr("Insérer un lien (Ctrl+K)"),
             lambda: b.wrap_selection("[", "](https://)", self.tr("texte du lien"))),
            (self.tr("Image"), self.tr("Insérer une image dans le texte"),
             self._insert_inline_image),
        ]  # fmt: skip
        shortcuts = {2: "Ctrl+B", 3: "Ctrl+I", 4: "Ctrl+K"}
        for i, (text, tip, slot) in enumerate(specs):
            action = self.toolbar.addAction(text)
            action.setToolTip(tip)
            action.triggered.connect(slot)
            if i in shortcuts:
                action.setShortcut(shortcuts[i])
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.body.addAction(action)

    def _insert_inline_image(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choisir une image"),
            "",
            self.tr("Images (*.jpg *.jpeg *.png *.webp *.gif)"),
        )
        if name:
            self.inline_image_chosen.emit(Path(name))

    def _on_divider_moved(self, *_args: object) -> None:
        self.fit_form_automatically = False

    def fit_form(self) -> None:
        """Give the form the height it needs and the body the rest."""
        total = sum(self.splitter.sizes()) or self.height()
        form = self.splitter.widget(0)
        inner = form.widget() if isinstance(form, QScrollArea) else None
        wanted = 300
        if isinstance(form, QScrollArea) and inner is not None:
            wanted = inner.sizeHint().height()
            layout = inner.layout()
            # The tag chips wrap, so the form's height depends on its width.
            if layout is not None and layout.hasHeightForWidth():
                wanted = max(wanted, layout.totalHeightForWidth(form.width()))
        wanted += 4
        wanted = min(wanted, max(120, total // 2))
        self.splitter.setSizes([wanted, max(200, total - wanted)])

    def show_find(self) -> None:
        self.find_line.show()
        self.find_line.setFocus()
        self.find_line.selectAll()

    def _connect_changes(self) -> None:
        def emit(name: str) -> Callable[..., None]:
            def slot(*_args: object) -> None:
                if not self._loading:
                    if name == "title":
                        self._update_slug_placeholder()
                    self.edited.emit(name)

            return slot

        self.body.textChanged.connect(emit("body"))
        self.title.textChanged.connect(emit("title"))
        self.standfirst.textChanged.connect(emit("standfirst"))
        self.category.currentTextChanged.connect(emit("category"))
        self.dateline.textChanged.connect(emit("dateline"))
        self.byline.textChanged.connect(emit("byline"))
        self.source.textChanged.connect(emit("source"))
        self.date_enabled.toggled.connect(self.date.setEnabled)
        self.date_enabled.toggled.connect(self.zone.setEnabled)
        for signal in (
            self.date_enabled.toggled,
            self.date.dateTimeChanged,
            self.zone.currentTextChanged,
        ):
            signal.connect(self._on_date_edited)
            signal.connect(emit("date"))
        self.language.currentIndexChanged.connect(emit("language"))
        self.status.currentIndexChanged.connect(emit("status"))
        self.slug.textChanged.connect(emit("slug"))
        self.tags.changed.connect(emit("tags"))
        self.caption.textChanged.connect(emit("featured_image"))
        self.credit.textChanged.connect(emit("featured_image"))
        self.alt.textChanged.connect(emit("featured_image"))
        self.image_zone.file_chosen.connect(self.image_file_chosen)
        self.body.focus_lost.connect(self.focus_left)
        for line in (self.title, self.byline, self.source, self.dateline, self.slug):
            line.editingFinished.connect(self.focus_left)

    def _on_date_edited(self, *_args: object) -> None:
        if not self._loading:
            self._date_touched = True
        self._check_zone()

    def _check_zone(self) -> None:
        try:
            parse_zone(self.zone.currentText())
        except UnknownTimeZone as error:
            text = describe_error(error) + " " + self.tr("La date reste celle enregistrée.")
            self.zone_error.setToolTip(text)
            self.zone.setToolTip(text)
            self.zone_error.show()
            return
        self.zone_error.hide()
        self.zone.setToolTip("")

    def zone_is_known(self) -> bool:
        return self.zone_error.isHidden()

    def _update_slug_placeholder(self) -> None:
        self.slug.setPlaceholderText(
            rules.slugify(self.title.text()) or self.tr("slug-de-l-article")
        )

    # -- the article in and out ------------------------------------------------

    def set_choices(self, categories: list[str], tags: list[str]) -> None:
        """Offer the store's rubriques and tags. Called after each save, maybe while
        the reporter types in the rubrique field: new names are only added, never
        a clear() that would reset the text and the cursor under their fingers."""
        shown = {self.category.itemText(i) for i in range(self.category.count())}
        fresh = [name for name in categories if name not in shown]
        if fresh:
            self._loading = True
            try:
                text, line = self.category.currentText(), self.category.lineEdit()
                cursor = line.cursorPosition() if line is not None else 0
                self.category.addItems(fresh)
                if self.category.currentText() != text:
                    self.category.setCurrentText(text)
                    if line is not None:
                        line.setCursorPosition(cursor)
            finally:
                self._loading = False
        self.tags.set_known_tags(tags)

    def load(self, article: Article, image_path: Path | None = None) -> None:
        """Show ``article``; emits nothing (loading is not editing)."""
        self._loading = True
        try:
            self._base = article
            self._date_touched = False
            self.title.setText(article.title)
            self.standfirst.setPlainText(article.standfirst)
            self.category.setCurrentText(article.category)
            self.dateline.setText(article.dateline)
            self.byline.setText(article.byline)
            self.source.setText(article.source)
            self.date_enabled.setChecked(article.date is not None)
            self.date.setEnabled(article.date is not None)
            self.zone.setEnabled(article.date is not None)
            if article.date is not None:
                self.zone.setCurrentText(zone_label(article.date))
                local = article.date
                self.date.setDateTime(
                    QDateTime(
                        local.year,
                        local.month,
                        local.day,
                        local.hour,
                        local.minute,
                        local.second,
                    )
                )
            else:
                self.date.setDateTime(QDateTime.currentDateTime())
                self.zone.setCurrentText(self.default_zone or self._local_zone_name())
            self.language.setCurrentIndex(max(0, self.language.findData(article.language.value)))
            self._offer_statuses(article.status)
            self.slug.setText(article.slug)
            self.tags.set_tags(article.tags)
            image = article.featured_image
            self.caption.setText(image.caption if image else "")
            self.credit.setText(image.credit if image else "")
            self.alt.setText(image.alt if image else "")
            self.image_zone.show_image(image_path)
            # Replacing the whole text resets the undo stack: one article's undo
            # history must not reach into another's.
            self.body.setPlainText(article.body)
            self._update_slug_placeholder()
            # setText leaves the cursor at the end: a long headline would show its tail.
            for line in (self.title, self.dateline, self.byline, self.source, self.slug):
                line.setCursorPosition(0)
            for line in (self.caption, self.credit, self.alt):
                line.setCursorPosition(0)
        finally:
            self._loading = False

    @staticmethod
    def _local_zone_name() -> str:
        zone = bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"
        return zone if zone in COMMON_ZONES or "/" in zone else "UTC"

    def _date_value(self) -> datetime | None:
        if not self._date_touched:
            # Untouched, the stored date stays exactly as it was (seconds, offset):
            # a save must never move a publication time the reporter did not change.
            return self._base.date
        if not self.date_enabled.isChecked():
            return None
        try:
            zone = parse_zone(self.zone.currentText())
        except UnknownTimeZone:
            # Never UTC by default: the stored date stays until the zone is one we know.
            return self._base.date
        qdt = self.date.dateTime()
        d, t = qdt.date(), qdt.time()
        return datetime(
            d.year(),
            d.month(),
            d.day(),
            t.hour(),
            t.minute(),
            tzinfo=zone,
        )

    def set_featured_image(self, rel_path: str, file_path: Path | None) -> None:
        """A photo was imported into the store: attach it, keeping any caption typed."""
        self.image_zone.show_image(file_path)
        image = self._base.featured_image
        self._base = dataclasses.replace(
            self._base,
            featured_image=FeaturedImage(
                path=rel_path,
                caption=image.caption if image else "",
                credit=image.credit if image else "",
                alt=image.alt if image else "",
            ),
        )
        self.edited.emit("featured_image")

    def base(self) -> Article:
        return self._base

    def set_site_state(self, status: Status, date: datetime | None) -> None:
        """The site changed the article's status (and date): show them, without touching
        the text or anything the reporter is typing, and without counting as an edit.

        The base takes them too, so the next save neither writes the old status back
        nor mistakes them for the reporter's change. A date the reporter has changed
        by hand is left on screen."""
        self._loading = True
        try:
            self._base = dataclasses.replace(
                self._base, status=status, date=date if date is not None else self._base.date
            )
            self._offer_statuses(status)
            if date is not None and not self._date_touched:
                self.date_enabled.setChecked(True)
                self.date.setEnabled(True)
                self.zone.setEnabled(True)
                self.zone.setCurrentText(zone_label(date))
                self.date.setDateTime(
                    QDateTime(date.year, date.month, date.day, date.hour, date.minute, date.second)
                )
        finally:
            self._loading = False

    def rebase(self, saved: Article) -> None:
        """After a save, adopt the store's revision and times, keeping what is on screen."""
        self._base = dataclasses.replace(
            self._base,
            id=saved.id,
            revision=saved.revision,
            created_at=saved.created_at,
            updated_at=saved.updated_at,
        )

    def current(self) -> Article:
        """The article as on screen, on top of the one loaded (id, revision, extras)."""
        base = self._base
        image = base.featured_image
        caption, credit, alt = self.caption.text(), self.credit.text(), self.alt.text()
        featured = (
            FeaturedImage(path=image.path, caption=caption, credit=credit, alt=alt)
            if image is not None
            else None
        )
        try:
            status = Status(self.status.currentData())
        except ValueError:
            status = base.status
        return dataclasses.replace(
            base,
            title=self.title.text().strip(),
            standfirst=exact_text(self.standfirst).strip(),
            body=exact_text(self.body),
            category=self.category.currentText().strip(),
            tags=self.tags.tags(),
            byline=self.byline.text().strip(),
            source=self.source.text().strip(),
            dateline=self.dateline.text().strip(),
            date=self._date_value(),
            language=Language(self.language.currentData() or Language.FR.value),
            slug=self.slug.text().strip(),
            status=status,
            featured_image=featured,
        )
