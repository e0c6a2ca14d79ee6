"""The document register leaves this app for the documents app (its migration 0001), with its
tables unchanged: the models are removed from this app's state only, nothing in the database."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0008_document_search_vector_inline'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='citation',
                    name='one_citation_per_symbol',
                ),
                migrations.RemoveIndex(
                    model_name='document',
                    name='meetings_do_status_1727aa_idx',
                ),
                migrations.RemoveIndex(
                    model_name='document',
                    name='meetings_do_meeting_60766d_idx',
                ),
                migrations.RemoveConstraint(
                    model_name='document',
                    name='document_relation_has_a_target',
                ),
                migrations.RemoveConstraint(
                    model_name='document',
                    name='one_generated_document_per_meeting',
                ),
                migrations.RemoveField(
                    model_name='historicaldocument',
                    name='related_to',
                ),
                migrations.RemoveField(
                    model_name='historicalrendition',
                    name='document',
                ),
                migrations.RemoveField(
                    model_name='historicaldocument',
                    name='agenda_item',
                ),
                migrations.RemoveField(
                    model_name='historicaldocument',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicaldocument',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='historicalrendition',
                    name='history_user',
                ),
                migrations.RemoveConstraint(
                    model_name='rendition',
                    name='one_rendition_per_language',
                ),
                migrations.RemoveField(
                    model_name='citation',
                    name='document',
                ),
                migrations.RemoveField(
                    model_name='document',
                    name='agenda_item',
                ),
                migrations.RemoveField(
                    model_name='document',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='document',
                    name='related_to',
                ),
                migrations.RemoveField(
                    model_name='document',
                    name='submitting_delegations',
                ),
                migrations.DeleteModel(
                    name='HistoricalDocument',
                ),
                migrations.DeleteModel(
                    name='HistoricalRendition',
                ),
                migrations.RemoveField(
                    model_name='rendition',
                    name='document',
                ),
                migrations.DeleteModel(
                    name='Citation',
                ),
                migrations.DeleteModel(
                    name='Document',
                ),
                migrations.DeleteModel(
                    name='Rendition',
                ),
            ],
            database_operations=[],
        ),
    ]
