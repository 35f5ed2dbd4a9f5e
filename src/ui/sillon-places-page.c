/* sillon-places-page.c — the places area: the directory of places, searched and imported
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The directory comes from the national open-data standard of places of
 * digital mediation. Importing reads the file in a worker thread (a
 * national file has tens of thousands of lines), then writes every place
 * in one transaction in the main thread, where the store lives; the
 * validation report stays on the page until the next import: kept rows,
 * flagged fields and skipped rows with their line numbers.
 */

#include "config.h"

#include "sillon-places-page.h"

#include <glib/gi18n.h>

#include "sillon-list-row.h"
#include "sillon-number-format.h"
#include "sillon-message-label.h"
#include "sillon-profile.h"
#include "sillon-opening-hours.h"
#include "sillon-phone-format.h"
#include "sillon-places-import.h"

/* Enough to choose from; more means the search should be narrowed. */
#define MAX_RESULTS 50
/* Problems listed in the window; the count says how many more there are. */
#define MAX_PROBLEMS_SHOWN 200

struct _SillonPlacesPage
{
  SillonPage parent_instance;

  GCancellable *import_cancellable;
  char *shown_query; /* what the list shows the places for */

  GtkSearchEntry *search_entry;
  GtkWidget *import_button;
  GtkLabel *message;
  GtkRevealer *report_revealer;
  GtkLabel *report_summary;
  GtkListBox *report_list;
  GtkListBox *place_list;
  GtkLabel *placeholder_label;
  GtkStack *detail_stack;
  GtkLabel *detail_name;
  GtkLabel *detail_own;
  GtkLabel *detail_address;
  GtkLabel *detail_contact;
  GtkLabel *detail_hours;
  GtkLabel *detail_services;
  GtkLabel *detail_flagged;
  GtkWidget *own_button;
};

G_DEFINE_FINAL_TYPE (SillonPlacesPage, sillon_places_page, SILLON_TYPE_PAGE)

/* ── Search ────────────────────────────────────────────────────────────── */

static char *
join_values (const char *const *values)
{
  if (values == NULL || values[0] == NULL)
    return NULL;
  return g_strjoinv (", ", (char **) values);
}

static char *
describe_place (const SillonPlaceRecord *p)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *services = join_values ((const char *const *) p->multi[SILLON_PLACE_COL_SERVICES]);

  if (p->values[SILLON_PLACE_COL_COMMUNE] != NULL)
    g_ptr_array_add (parts, g_strdup (p->values[SILLON_PLACE_COL_COMMUNE]));
  if (services != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&services));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static const char *
place_name (const SillonPlaceRecord *p)
{
  return p->values[SILLON_PLACE_COL_NOM] != NULL ? p->values[SILLON_PLACE_COL_NOM] : _ ("Place without a name");
}

static gint64
describe_row (gpointer item,
              char **title,
              char **details,
              gpointer user_data)
{
  const SillonPlaceRecord *p = item;

  *details = describe_place (p);
  *title = p->own_structure
               /* Translators: %s is the name of the mediator's own structure in the directory. */
               ? g_strdup_printf (_ ("%s (our structure)"), place_name (p))
               : g_strdup (place_name (p));
  return p->id;
}

/* @force: search again even if the list already shows this search (after
 * an import or a lock); otherwise Enter, which searches too, would take the
 * chosen place off the screen. @start: where the profile counts from (the
 * key press), NULL for now. */
static void
refresh (SillonPlacesPage *self,
         gboolean force,
         const SillonProfileStart *start)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autofree char *query = g_strstrip (g_strdup (gtk_entry_get_text (GTK_ENTRY (self->search_entry))));
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  SillonProfileStart now = sillon_profile_start_now ();

  if (!force && g_strcmp0 (query, self->shown_query) == 0)
    return;
  g_free (self->shown_query);
  self->shown_query = store != NULL ? g_strdup (query) : NULL;
  /* The rows are kept and shown again with what is found (a keystroke
   * changes few of them); none stays selected. */
  gtk_list_box_unselect_all (self->place_list);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  if (store == NULL)
    {
      sillon_list_box_clear (self->place_list);
      return;
    }
  if (query[0] == '\0')
    {
      /* The rows are kept aside for the first letter typed next. */
      sillon_list_box_show (self->place_list, NULL, "place-id", describe_row, NULL);
      gtk_label_set_text (self->placeholder_label,
                          _ ("Type the name of a place, a commune or a service, for example “Reims” or “impression”. "
                             "To fill the directory, import the national file of places with “Import a Directory…”."));
      return;
    }
  found = sillon_store_search_places (store, query, MAX_RESULTS, &error);
  if (found == NULL)
    {
      /* Translators: %s is the technical reason. */
      g_autofree char *text = g_strdup_printf (_ ("The places cannot be searched: %s"), error->message);
      sillon_list_box_clear (self->place_list);
      sillon_message_label_set (self->message, text);
      return;
    }
  gtk_label_set_text (self->placeholder_label,
                      _ ("No place matches this search. Try the commune’s name, part of the place’s name, or another service."));
  sillon_list_box_show (self->place_list, found, "place-id", describe_row, NULL);
  sillon_profile_until_painted_from (GTK_WIDGET (self), "place-search", start != NULL ? start : &now);
}

/* Each change of the search is searched at once, not after
 * GtkSearchEntry's 150 ms pause: a key press shows its letter and the
 * places it finds in the same frame. */
static void
on_search_entry_changed (SillonPlacesPage *self)
{
  SillonProfileStart start;

  sillon_profile_input_start (GTK_WIDGET (self->search_entry), &start);
  sillon_message_label_set (self->message, NULL);
  refresh (self, FALSE, &start);
}

static void
on_search_entry_activate (SillonPlacesPage *self)
{
  GtkListBoxRow *first;

  refresh (self, FALSE, NULL);
  first = gtk_list_box_get_row_at_index (self->place_list, 0);

  if (first != NULL)
    {
      gtk_list_box_select_row (self->place_list, first);
      gtk_widget_grab_focus (GTK_WIDGET (first));
    }
}

/* ── One place ─────────────────────────────────────────────────────────── */

static void
set_detail (GtkLabel *label,
            const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static void
show_place (SillonPlacesPage *self,
            const SillonPlaceRecord *p)
{
  const char *const *v = (const char *const *) p->values;
  g_autofree char *address = NULL;
  g_autofree char *services = join_values ((const char *const *) p->multi[SILLON_PLACE_COL_SERVICES]);
  g_autofree char *services_text = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *flagged = NULL;
  g_autoptr (GString) contact = g_string_new (NULL);

  address = g_strjoin ("\n", v[SILLON_PLACE_COL_ADRESSE] != NULL ? v[SILLON_PLACE_COL_ADRESSE] : "",
                       v[SILLON_PLACE_COL_COMPLEMENT_ADRESSE] != NULL ? v[SILLON_PLACE_COL_COMPLEMENT_ADRESSE] : "", NULL);
  g_strstrip (address);
  {
    g_autofree char *town = g_strdup_printf ("%s %s", v[SILLON_PLACE_COL_CODE_POSTAL] != NULL ? v[SILLON_PLACE_COL_CODE_POSTAL] : "",
                                             v[SILLON_PLACE_COL_COMMUNE] != NULL ? v[SILLON_PLACE_COL_COMMUNE] : "");
    g_autofree char *joined = g_strdup_printf ("%s\n%s", address, g_strstrip (town));

    g_free (address);
    address = g_strdup (g_strstrip (joined));
  }
  if (v[SILLON_PLACE_COL_TELEPHONE] != NULL)
    {
      /* As the mediator dials it from France ("03 26 00 00 00"), as the
       * sheets write it, not the directory's E.164. */
      g_autofree char *phone = sillon_phone_format (v[SILLON_PLACE_COL_TELEPHONE], SILLON_PHONE_HOME_REGION);

      if (phone != NULL)
        /* Translators: %s is a phone number. */
        g_string_append_printf (contact, _ ("Phone: %s\n"), phone);
    }
  if (p->multi[SILLON_PLACE_COL_COURRIELS] != NULL)
    {
      g_autofree char *mails = join_values ((const char *const *) p->multi[SILLON_PLACE_COL_COURRIELS]);
      /* Translators: %s is one or more e-mail addresses. */
      g_string_append_printf (contact, _ ("E-mail: %s\n"), mails);
    }
  if (p->multi[SILLON_PLACE_COL_SITE_WEB] != NULL)
    {
      g_autofree char *sites = join_values ((const char *const *) p->multi[SILLON_PLACE_COL_SITE_WEB]);
      /* Translators: %s is one or more web addresses. */
      g_string_append_printf (contact, _ ("Website: %s\n"), sites);
    }
  if (v[SILLON_PLACE_COL_PRISE_RDV] != NULL)
    /* Translators: %s is a web address to book an appointment. */
    g_string_append_printf (contact, _ ("Appointments: %s\n"), v[SILLON_PLACE_COL_PRISE_RDV]);
  if (contact->len > 0)
    g_string_truncate (contact, contact->len - 1);

  if (v[SILLON_PLACE_COL_HORAIRES] != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *words = sillon_opening_hours_render (v[SILLON_PLACE_COL_HORAIRES], &error);

      /* A value the directory publishes but nobody can read is shown as
       * published, said to be unreadable. */
      hours = words != NULL ? g_steal_pointer (&words)
                            /* Translators: %s is opening hours as published, which Sillon cannot read. */
                            : g_strdup_printf (_ ("Opening hours as published (not readable): %s"), v[SILLON_PLACE_COL_HORAIRES]);
      /* Open now, or when it opens, before the week's hours. */
      if (error == NULL)
        {
          g_autoptr (GDateTime) now = g_date_time_new_now_local ();
          g_autoptr (SillonOpeningStatus) status = sillon_opening_hours_status (v[SILLON_PLACE_COL_HORAIRES], now, NULL);
          g_autofree char *said = status != NULL ? sillon_opening_status_describe (status, now) : NULL;

          if (said != NULL)
            {
              g_autofree char *week = g_steal_pointer (&hours);
              hours = g_strdup_printf ("%s\n%s", said, week);
            }
        }
    }
  else
    hours = g_strdup (_ ("The directory gives no opening hours for this place."));
  if (services != NULL)
    /* Translators: %s is a list of services. */
    services_text = g_strdup_printf (_ ("Services: %s"), services);
  if (p->flagged != NULL && p->flagged[0] != NULL)
    {
      g_autofree char *fields = g_strjoinv (", ", p->flagged);
      /* Translators: %s is a list of field names of the national standard. */
      flagged = g_strdup_printf (_ ("The imported file had invalid values for: %s. They are shown as published."), fields);
    }

  set_detail (self->detail_name, place_name (p));
  gtk_widget_set_visible (GTK_WIDGET (self->detail_own), p->own_structure);
  set_detail (self->detail_address, address);
  set_detail (self->detail_contact, contact->str);
  set_detail (self->detail_hours, hours);
  set_detail (self->detail_services, services_text);
  set_detail (self->detail_flagged, flagged);
  gtk_button_set_label (GTK_BUTTON (self->own_button), p->own_structure ? _ ("_Not Our Structure") : _ ("_Mark as Our Structure"));
  g_object_set_data_full (G_OBJECT (self->own_button), "place-id", g_memdup2 (&p->id, sizeof p->id), g_free);
  gtk_stack_set_visible_child_name (self->detail_stack, "place");
}

static void
on_place_list_row_selected (SillonPlacesPage *self,
                            GtkListBoxRow *row)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  gint64 id = sillon_list_row_get_id (row, "place-id");
  g_autoptr (SillonPlaceRecord) p = NULL;
  g_autoptr (GError) error = NULL;

  if (id == 0 || store == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  p = sillon_store_get_place (store, id, &error);
  if (p == NULL)
    {
      sillon_message_label_set (self->message, error->message);
      return;
    }
  show_place (self, p);
}

static void
on_own_button_clicked (SillonPlacesPage *self)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  gint64 *id = g_object_get_data (G_OBJECT (self->own_button), "place-id");
  g_autoptr (SillonPlaceRecord) p = NULL;
  g_autoptr (GError) error = NULL;

  if (id == NULL || store == NULL)
    return;
  p = sillon_store_get_place (store, *id, &error);
  if (p != NULL)
    {
      p->own_structure = !p->own_structure;
      if (sillon_store_update_place (store, p, &error))
        {
          show_place (self, p);
          return;
        }
    }
  /* Translators: %s is the reason. */
  {
    g_autofree char *text = g_strdup_printf (_ ("The place was not changed: %s"), error->message);
    sillon_message_label_set (self->message, text);
  }
}

/* ── Import ────────────────────────────────────────────────────────────── */

typedef struct
{
  GPtrArray *places;
  SillonPlacesReport *report;
} ImportResult;

static void
import_result_free (ImportResult *result)
{
  g_clear_pointer (&result->places, g_ptr_array_unref);
  g_clear_pointer (&result->report, sillon_places_report_free);
  g_free (result);
}

static void
read_file_in_thread (GTask *task,
                     gpointer source,
                     gpointer task_data,
                     GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr (SillonPlacesSchema) schema = NULL;
  g_autoptr (GError) error = NULL;
  ImportResult *result = g_new0 (ImportResult, 1);

  schema = sillon_places_schema_new_default (&error);
  if (schema == NULL ||
      !sillon_places_import_file (schema, file, cancellable, &result->places, &result->report, &error))
    {
      import_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) import_result_free);
}

static void
add_problem (SillonPlacesPage *self,
             const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  g_object_set (label, "margin-start", 12, "margin-end", 12, "margin-top", 4, "margin-bottom", 4, NULL);
  gtk_container_add (GTK_CONTAINER (row), label);
  atk_object_set_name (gtk_widget_get_accessible (row), text);
  gtk_widget_show_all (row);
  gtk_container_add (GTK_CONTAINER (self->report_list), row);
}

static gboolean
is_record_level (SillonPlaceIssueKind kind)
{
  return kind == SILLON_PLACE_ISSUE_DUPLICATE_ID || kind == SILLON_PLACE_ISSUE_FIELD_COUNT ||
         kind == SILLON_PLACE_ISSUE_NOT_AN_OBJECT;
}

static void
show_report (SillonPlacesPage *self,
             const char *file_name,
             const SillonPlacesReport *report,
             guint n_new,
             guint n_updated,
             gboolean stored)
{
  g_autoptr (GString) summary = g_string_new (NULL);
  guint shown = 0, n_issues = 0;

  sillon_list_box_clear (self->report_list);
  if (stored)
    /* Translators: %s is a file name; the numbers follow on the next lines. */
    g_string_append_printf (summary, _ ("“%s” is imported."), file_name);
  else
    /* Translators: %s is a file name. */
    g_string_append_printf (summary, _ ("Nothing of “%s” was imported."), file_name);
  g_string_append_c (summary, '\n');
  {
    /* A national file holds thousands of records: grouped digits. */
    g_autofree char *records = sillon_format_count (report->n_records);
    g_autofree char *kept = sillon_format_count (report->n_kept);
    g_autofree char *flagged = sillon_format_count (report->n_flagged);
    g_autofree char *skipped = sillon_format_count (report->n_skipped);

    /* Translators: the counts of a places import, each already written
     * with its digits grouped; the first %s is the records read. */
    g_string_append_printf (summary, _ ("%s records read: %s kept (%s of them with flagged fields, kept as published), %s skipped."),
                            records, kept, flagged, skipped);
  }
  if (stored)
    {
      g_autofree char *added = sillon_format_count (n_new);
      g_autofree char *updated = sillon_format_count (n_updated);

      g_string_append_c (summary, ' ');
      /* Translators: places added to and updated in the directory, each
       * count already written with its digits grouped. */
      g_string_append_printf (summary, _ ("%s new places, %s updated."), added, updated);
    }
  if (report->unknown_columns != NULL && report->unknown_columns->len > 0)
    {
      /* Borrowed names: a copy of the array would free them twice. */
      g_autofree const char **names = g_new0 (const char *, report->unknown_columns->len + 1);
      g_autofree char *list = NULL;

      for (guint i = 0; i < report->unknown_columns->len; i++)
        names[i] = g_ptr_array_index (report->unknown_columns, i);
      list = g_strjoinv (", ", (char **) names);
      g_string_append_c (summary, '\n');
      /* Translators: %s is a comma-separated list of column names. */
      g_string_append_printf (summary, _ ("Columns ignored (not in the standard): %s."), list);
    }

  for (guint i = 0; report->rows != NULL && i < report->rows->len; i++)
    {
      const SillonPlacesRowReport *row = g_ptr_array_index (report->rows, i);
      g_autofree char *where = row->line > 0
                                   /* Translators: %u is a line number in the imported file. */
                                   ? g_strdup_printf (_ ("Line %u"), row->line)
                                   /* Translators: %u is the position of a record in a JSON array. */
                                   : g_strdup_printf (_ ("Record %u"), row->record);

      for (guint j = 0; j < row->issues->len; j++, n_issues++)
        {
          const SillonPlaceIssue *issue = g_ptr_array_index (row->issues, j);
          g_autofree char *text = NULL;

          if (shown >= MAX_PROBLEMS_SHOWN)
            continue;
          if (is_record_level (issue->kind))
            text = g_strdup_printf ("%s — %s — %s", where, issue->message, row->skipped ? _ ("skipped") : _ ("kept, flagged"));
          else
            text = g_strdup_printf ("%s, %s — %s — %s", where, sillon_place_field_name (issue->field), issue->message,
                                    row->skipped ? _ ("skipped") : _ ("kept, flagged"));
          add_problem (self, text);
          shown++;
        }
    }
  if (n_issues > shown)
    {
      /* Translators: %u is a number of problems not listed. */
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more problem.", "… and %u more problems.",
                                                            n_issues - shown),
                                               n_issues - shown);
      add_problem (self, more);
    }
  gtk_label_set_text (self->report_summary, summary->str);
  gtk_widget_set_visible (GTK_WIDGET (self->report_list), shown > 0);
  gtk_revealer_set_reveal_child (self->report_revealer, TRUE);
}

/* Every place in one transaction, journaled: a file is imported whole or
 * not at all. */
static gboolean
store_places (SillonPlacesPage *self,
              GPtrArray *places,
              const SillonPlacesReport *report,
              guint *n_new,
              guint *n_updated,
              GError **error)
{
  SillonVaultSession *session = sillon_page_get_session (SILLON_PAGE (self));
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonStoreTransaction) tx = NULL;
  const SillonPlace *failed = NULL;
  g_autofree char *details = NULL;

  if (store == NULL)
    {
      g_set_error_literal (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_SQL, _ ("The vault is locked."));
      return FALSE;
    }
  tx = sillon_store_transaction_begin (store, error);
  if (tx == NULL)
    return FALSE;
  if (!sillon_store_import_places (store, places, n_new, n_updated, &failed, error))
    {
      if (failed != NULL && failed->line > 0)
        /* Translators: %u is a line number of the imported file. */
        g_prefix_error (error, _ ("Line %u cannot be stored: "), failed->line);
      return FALSE;
    }
  details = g_strdup_printf ("{\"kind\":\"places\",\"new\":%u,\"updated\":%u,\"flagged\":%u,\"skipped\":%u}",
                             *n_new, *n_updated, report->n_flagged, report->n_skipped);
  if (!sillon_vault_session_journal (session, SILLON_JOURNAL_IMPORT, details, error))
    return FALSE;
  return sillon_store_transaction_commit (tx, error);
}

static void
on_file_read (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  ImportResult *read = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (GFile) file = g_object_ref (g_task_get_task_data (G_TASK (result)));
  g_autofree char *name = g_file_get_basename (file);
  SillonPlacesPage *self;
  guint n_new = 0, n_updated = 0;

  if (read == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SILLON_PLACES_PAGE (user_data);
  gtk_widget_set_sensitive (self->import_button, TRUE);
  if (read == NULL)
    {
      /* Translators: %1$s is a file name, %2$s the reason. */
      g_autofree char *text = g_strdup_printf (_ ("“%1$s” cannot be imported: %2$s Nothing was imported."), name, error->message);
      sillon_message_label_set (self->message, text);
      gtk_revealer_set_reveal_child (self->report_revealer, FALSE);
      return;
    }
  if (read->places->len == 0)
    {
      sillon_message_label_set (self->message, _ ("No record of the file can be imported: nothing was imported."));
      show_report (self, name, read->report, 0, 0, FALSE);
    }
  else if (!store_places (self, read->places, read->report, &n_new, &n_updated, &error))
    {
      /* Translators: %s is the reason. */
      g_autofree char *text = g_strdup_printf (_ ("The places were not stored: %s Nothing was imported."), error->message);
      sillon_message_label_set (self->message, text);
      show_report (self, name, read->report, 0, 0, FALSE);
    }
  else
    {
      sillon_message_label_set (self->message, NULL);
      show_report (self, name, read->report, n_new, n_updated, TRUE);
      refresh (self, TRUE, NULL);
    }
  import_result_free (read);
}

void
sillon_places_page_import (SillonPlacesPage *self,
                           GFile *file)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SILLON_IS_PLACES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  self->import_cancellable = g_cancellable_new ();
  sillon_message_label_set (self->message, _ ("Reading the file…"));
  gtk_widget_set_sensitive (self->import_button, FALSE);
  task = g_task_new (NULL, self->import_cancellable, on_file_read, self);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_file_in_thread);
}

static void
on_file_chooser_response (GtkNativeDialog *chooser,
                          int response,
                          SillonPlacesPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sillon_places_page_import (self, file);
    }
  g_object_unref (chooser);
}

static void
on_import_button_clicked (SillonPlacesPage *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_ ("Import a Directory of Places"),
                                                               GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Import"), _ ("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  /* Translators: the file chooser's filter of the national standard's files. */
  gtk_file_filter_set_name (filter, _ ("Directories of places (CSV, JSON)"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_pattern (filter, "*.JSON");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_report_close_button_clicked (SillonPlacesPage *self)
{
  gtk_revealer_set_reveal_child (self->report_revealer, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ── Page ──────────────────────────────────────────────────────────────── */

static void
sillon_places_page_switch_to (SillonPage *page)
{
  SillonPlacesPage *self = SILLON_PLACES_PAGE (page);

  refresh (self, TRUE, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
sillon_places_page_locked (SillonPage *page)
{
  SillonPlacesPage *self = SILLON_PLACES_PAGE (page);

  /* An import read while locking is dropped: it would have nowhere to go. */
  g_cancellable_cancel (self->import_cancellable);
  gtk_widget_set_sensitive (self->import_button, TRUE);
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  gtk_revealer_set_reveal_child (self->report_revealer, FALSE);
  sillon_list_box_clear (self->report_list);
  sillon_message_label_set (self->message, NULL);
  refresh (self, TRUE, NULL);
}

static void
sillon_places_page_dispose (GObject *object)
{
  SillonPlacesPage *self = SILLON_PLACES_PAGE (object);

  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->shown_query, g_free);
  G_OBJECT_CLASS (sillon_places_page_parent_class)->dispose (object);
}

static void
sillon_places_page_class_init (SillonPlacesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_places_page_dispose;
  SILLON_PAGE_CLASS (klass)->switch_to = sillon_places_page_switch_to;
  SILLON_PAGE_CLASS (klass)->locked = sillon_places_page_locked;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-places-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, message);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, report_revealer);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, report_summary);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, report_list);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, place_list);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, detail_name);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, detail_own);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, detail_address);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, detail_contact);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, detail_hours);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, detail_services);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, detail_flagged);
  gtk_widget_class_bind_template_child (widget_class, SillonPlacesPage, own_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_place_list_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_own_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_import_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_report_close_button_clicked);
}

static void
sillon_places_page_init (SillonPlacesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sillon_profile_watch_keys (GTK_WIDGET (self->search_entry));
}
