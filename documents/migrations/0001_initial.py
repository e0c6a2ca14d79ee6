"""The document register becomes an app of its own. Its tables stay where the meetings app
created them (meetings_document, meetings_rendition, meetings_citation, the many-to-many table
and the two history tables, with their rows, indexes and the search vector): this migration
only takes the models over in Django's state (the meetings app's 0009 lets them go), and moves
their content types to this app, so that permissions (the ISU staff group's among them) and
the admin's log entries follow."""

import django.db.models.deletion
import documents.models
import documents.symbols
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MODELS = ["document", "rendition", "citation", "historicaldocument", "historicalrendition"]


def _move_content_types(apps, schema_editor, *, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not content_types.filter(app_label=target, model=model).exists():
            content_types.filter(app_label=source, model=model).update(app_label=target)
    ContentType.objects.clear_cache()


def content_types_to_documents(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="meetings", target="documents")


def content_types_to_meetings(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="documents", target="meetings")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('meetings', '0009_documents_moved_to_their_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Document',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('symbol', models.CharField(blank=True, help_text='As issued: CCM/CONF/2021/6, CCM/MSP/2024/WP.1, CCM/CONF/2015/PM.1/2/Rev.1. Empty until known.', max_length=80, null=True, unique=True, validators=[documents.symbols.validate_symbol], verbose_name='symbol')),
                        ('slug', models.SlugField(help_text='The stable address of the document under /documents/, used while it has no symbol.', max_length=120, unique=True, verbose_name='address')),
                        ('title', models.CharField(max_length=400, verbose_name='title')),
                        ('title_is_descriptive', models.BooleanField(default=False, help_text="The document's own title is not recorded; the title describes it (shown in brackets).", verbose_name='title supplied by the ISU')),
                        ('kind', models.CharField(choices=[('official', 'Official document'), ('working_paper', 'Working paper'), ('information', 'Information document'), ('report', 'Report'), ('statement', 'Statement'), ('other', 'Other')], default='official', max_length=20, verbose_name='kind')),
                        ('submitted_by', models.CharField(blank=True, choices=[('delegations', 'Delegations'), ('president', 'The President'), ('coordinators', 'Coordinators'), ('isu', 'The Implementation Support Unit'), ('other', 'Other')], max_length=20, verbose_name='submitted by')),
                        ('submitted_by_note', models.CharField(blank=True, help_text='As the document puts it, e.g. “the Coordinators on Universalization”.', max_length=300, verbose_name='submitted by (as written)')),
                        ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                        ('distribution', models.CharField(choices=[('general', 'General'), ('limited', 'Limited')], default='general', max_length=10, verbose_name='distribution')),
                        ('original_language', models.CharField(choices=[('ar', 'Arabic'), ('en', 'English'), ('es', 'Spanish'), ('fr', 'French'), ('ru', 'Russian'), ('zh', 'Chinese')], default='en', max_length=2, verbose_name='original language')),
                        ('original_only', models.BooleanField(default=False, help_text='Issued in its original language only: the masthead says “English only”.', verbose_name='original language only')),
                        ('without_formal_editing', models.BooleanField(default=False, verbose_name='issued without formal editing')),
                        ('advance_copy', models.BooleanField(default=False, verbose_name='advance copy')),
                        ('editorial_note', models.CharField(blank=True, max_length=300, verbose_name='other editorial note')),
                        ('relation', models.CharField(blank=True, choices=[('revision', 'Revision of'), ('corrigendum', 'Corrigendum to'), ('addendum', 'Addendum to'), ('amendment', 'Amendment to')], max_length=20, verbose_name='relation')),
                        ('summary', models.TextField(blank=True, help_text="What the document is about, in the portal's words.", verbose_name='summary')),
                        ('body', models.TextField(blank=True, help_text='Structured text: “# Heading”, “1. Numbered paragraph”, “- item”, “(a) item”, a footnote reference “[^1]” with its text on a line “[^1]: …”, **bold**, *italic*. Symbols such as CCM/CONF/2021/6 link to the register by themselves.', verbose_name='text')),
                        ('notes', models.TextField(blank=True, help_text='Sources and remarks (public).', verbose_name='notes')),
                        ('generated', models.CharField(blank=True, choices=[('', 'Written by staff'), ('provisional_agenda', 'Provisional agenda (from the agenda items)'), ('participants', 'List of participants (from the participation records)')], default='', max_length=30, verbose_name='generated from records')),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], default='draft', max_length=20, verbose_name='status')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('search_vector', documents.models.StoredSearchVector(editable=False, null=True)),
                        ('agenda_item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='documents', to='meetings.agendaitem', verbose_name='agenda item')),
                        ('meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='meetings.meeting', verbose_name='meeting')),
                        ('related_to', models.ForeignKey(blank=True, help_text='The document this one revises, corrects, adds to or amends.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='related_documents', to='documents.document', verbose_name='related document')),
                        ('submitting_delegations', models.ManyToManyField(blank=True, related_name='documents_submitted', to='meetings.delegation', verbose_name='submitting delegations')),
                    ],
                    options={
                        'verbose_name': 'document',
                        'verbose_name_plural': 'documents',
                        'db_table': 'meetings_document',
                        'ordering': ['-date', 'symbol', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='Citation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('symbol', models.CharField(db_index=True, max_length=80, verbose_name='cited symbol')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='order of first mention')),
                        ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='citations', to='documents.document', verbose_name='citing document')),
                    ],
                    options={
                        'verbose_name': 'citation',
                        'verbose_name_plural': 'citations',
                        'db_table': 'meetings_citation',
                        'ordering': ['document', 'position'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalDocument',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('symbol', models.CharField(blank=True, db_index=True, help_text='As issued: CCM/CONF/2021/6, CCM/MSP/2024/WP.1, CCM/CONF/2015/PM.1/2/Rev.1. Empty until known.', max_length=80, null=True, validators=[documents.symbols.validate_symbol], verbose_name='symbol')),
                        ('slug', models.SlugField(help_text='The stable address of the document under /documents/, used while it has no symbol.', max_length=120, verbose_name='address')),
                        ('title', models.CharField(max_length=400, verbose_name='title')),
                        ('title_is_descriptive', models.BooleanField(default=False, help_text="The document's own title is not recorded; the title describes it (shown in brackets).", verbose_name='title supplied by the ISU')),
                        ('kind', models.CharField(choices=[('official', 'Official document'), ('working_paper', 'Working paper'), ('information', 'Information document'), ('report', 'Report'), ('statement', 'Statement'), ('other', 'Other')], default='official', max_length=20, verbose_name='kind')),
                        ('submitted_by', models.CharField(blank=True, choices=[('delegations', 'Delegations'), ('president', 'The President'), ('coordinators', 'Coordinators'), ('isu', 'The Implementation Support Unit'), ('other', 'Other')], max_length=20, verbose_name='submitted by')),
                        ('submitted_by_note', models.CharField(blank=True, help_text='As the document puts it, e.g. “the Coordinators on Universalization”.', max_length=300, verbose_name='submitted by (as written)')),
                        ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                        ('distribution', models.CharField(choices=[('general', 'General'), ('limited', 'Limited')], default='general', max_length=10, verbose_name='distribution')),
                        ('original_language', models.CharField(choices=[('ar', 'Arabic'), ('en', 'English'), ('es', 'Spanish'), ('fr', 'French'), ('ru', 'Russian'), ('zh', 'Chinese')], default='en', max_length=2, verbose_name='original language')),
                        ('original_only', models.BooleanField(default=False, help_text='Issued in its original language only: the masthead says “English only”.', verbose_name='original language only')),
                        ('without_formal_editing', models.BooleanField(default=False, verbose_name='issued without formal editing')),
                        ('advance_copy', models.BooleanField(default=False, verbose_name='advance copy')),
                        ('editorial_note', models.CharField(blank=True, max_length=300, verbose_name='other editorial note')),
                        ('relation', models.CharField(blank=True, choices=[('revision', 'Revision of'), ('corrigendum', 'Corrigendum to'), ('addendum', 'Addendum to'), ('amendment', 'Amendment to')], max_length=20, verbose_name='relation')),
                        ('summary', models.TextField(blank=True, help_text="What the document is about, in the portal's words.", verbose_name='summary')),
                        ('body', models.TextField(blank=True, help_text='Structured text: “# Heading”, “1. Numbered paragraph”, “- item”, “(a) item”, a footnote reference “[^1]” with its text on a line “[^1]: …”, **bold**, *italic*. Symbols such as CCM/CONF/2021/6 link to the register by themselves.', verbose_name='text')),
                        ('notes', models.TextField(blank=True, help_text='Sources and remarks (public).', verbose_name='notes')),
                        ('generated', models.CharField(blank=True, choices=[('', 'Written by staff'), ('provisional_agenda', 'Provisional agenda (from the agenda items)'), ('participants', 'List of participants (from the participation records)')], default='', max_length=30, verbose_name='generated from records')),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], default='draft', max_length=20, verbose_name='status')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('agenda_item', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.agendaitem', verbose_name='agenda item')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('meeting', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting', verbose_name='meeting')),
                        ('related_to', models.ForeignKey(blank=True, db_constraint=False, help_text='The document this one revises, corrects, adds to or amends.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='documents.document', verbose_name='related document')),
                    ],
                    options={
                        'verbose_name': 'historical document',
                        'verbose_name_plural': 'historical documents',
                        'db_table': 'meetings_historicaldocument',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalRendition',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('language', models.CharField(choices=[('ar', 'Arabic'), ('en', 'English'), ('es', 'Spanish'), ('fr', 'French'), ('ru', 'Russian'), ('zh', 'Chinese')], max_length=2, verbose_name='language')),
                        ('source', models.CharField(choices=[('rendered', 'Rendered from the text'), ('uploaded', 'Uploaded PDF')], default='rendered', max_length=10, verbose_name='source')),
                        ('title', models.CharField(blank=True, help_text="Empty: the document's title.", max_length=400, verbose_name='title in this language')),
                        ('body', models.TextField(blank=True, help_text="Same markup as the document's text. Empty: the document's text (original language only).", verbose_name='text in this language')),
                        ('file', models.TextField(blank=True, max_length=300, verbose_name='PDF')),
                        ('state', models.CharField(choices=[('queued', 'Queued'), ('rendering', 'Rendering'), ('ready', 'Ready'), ('failed', 'Failed')], default='queued', max_length=10, verbose_name='state')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('generation', models.PositiveIntegerField(default=0, help_text='Incremented by each render request; a task renders one.', verbose_name='render request')),
                        ('size', models.PositiveIntegerField(blank=True, null=True, verbose_name='size in bytes')),
                        ('page_count', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='pages')),
                        ('checksum', models.CharField(blank=True, max_length=64, verbose_name='SHA-256')),
                        ('ready_at', models.DateTimeField(blank=True, null=True, verbose_name='ready at')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('document', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='documents.document', verbose_name='document')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical language version',
                        'verbose_name_plural': 'historical language versions',
                        'db_table': 'meetings_historicalrendition',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Rendition',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('language', models.CharField(choices=[('ar', 'Arabic'), ('en', 'English'), ('es', 'Spanish'), ('fr', 'French'), ('ru', 'Russian'), ('zh', 'Chinese')], max_length=2, verbose_name='language')),
                        ('source', models.CharField(choices=[('rendered', 'Rendered from the text'), ('uploaded', 'Uploaded PDF')], default='rendered', max_length=10, verbose_name='source')),
                        ('title', models.CharField(blank=True, help_text="Empty: the document's title.", max_length=400, verbose_name='title in this language')),
                        ('body', models.TextField(blank=True, help_text="Same markup as the document's text. Empty: the document's text (original language only).", verbose_name='text in this language')),
                        ('file', models.FileField(blank=True, max_length=300, upload_to=documents.models.rendition_upload_to, verbose_name='PDF')),
                        ('state', models.CharField(choices=[('queued', 'Queued'), ('rendering', 'Rendering'), ('ready', 'Ready'), ('failed', 'Failed')], default='queued', max_length=10, verbose_name='state')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('generation', models.PositiveIntegerField(default=0, help_text='Incremented by each render request; a task renders one.', verbose_name='render request')),
                        ('size', models.PositiveIntegerField(blank=True, null=True, verbose_name='size in bytes')),
                        ('page_count', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='pages')),
                        ('checksum', models.CharField(blank=True, max_length=64, verbose_name='SHA-256')),
                        ('ready_at', models.DateTimeField(blank=True, null=True, verbose_name='ready at')),
                        ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='renditions', to='documents.document', verbose_name='document')),
                    ],
                    options={
                        'verbose_name': 'language version',
                        'verbose_name_plural': 'language versions',
                        'db_table': 'meetings_rendition',
                        'ordering': ['document', 'language'],
                    },
                ),
                migrations.AddIndex(
                    model_name='document',
                    index=models.Index(fields=['status', 'date'], name='meetings_do_status_1727aa_idx'),
                ),
                migrations.AddIndex(
                    model_name='document',
                    index=models.Index(fields=['meeting', 'status'], name='meetings_do_meeting_60766d_idx'),
                ),
                migrations.AddConstraint(
                    model_name='document',
                    constraint=models.CheckConstraint(condition=models.Q(('relation', ''), ('related_to__isnull', False), _connector='OR'), name='document_relation_has_a_target', violation_error_message='Choose the document this one relates to.'),
                ),
                migrations.AddConstraint(
                    model_name='document',
                    constraint=models.UniqueConstraint(condition=models.Q(('generated', ''), _negated=True), fields=('meeting', 'generated'), name='one_generated_document_per_meeting'),
                ),
                migrations.AddConstraint(
                    model_name='citation',
                    constraint=models.UniqueConstraint(fields=('document', 'symbol'), name='one_citation_per_symbol'),
                ),
                migrations.AddConstraint(
                    model_name='rendition',
                    constraint=models.UniqueConstraint(fields=('document', 'language'), name='one_rendition_per_language'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_documents, content_types_to_meetings, elidable=False),
    ]
