/* test-print-operation.c — the print operation draws the core's sheet, journals it, keeps its settings
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs GtkPrintOperation's export (the same begin-print and draw-page as a
 * real print, without a printer) under Xvfb, on a real vault.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libintl.h>
#include <string.h>

#include "sillon-print-operation.h"
#include "../core/test-dir-util.h"
#include "../core/test-session-util.h"

typedef struct
{
  char *dir;
  char *vault_path;
  SillonVaultSession *session;
  SillonStore *store; /* the session's */
  gint64 person;
} Fixture;

static char *
run (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();

  f->dir = g_dir_make_tmp ("sillon-print-XXXXXX", &error);
  g_assert_no_error (error);
  f->vault_path = g_build_filename (f->dir, "vault.sillon", NULL);
  f->session = session_test_create_and_open (f->vault_path, "Ada", "correct horse battery");
  f->store = sillon_vault_session_get_store (f->session);
  b->first_name = g_strdup ("Amina");
  b->last_name = g_strdup ("Benali");
  b->sheet_language = g_strdup ("fr");
  g_assert_true (sillon_store_insert_beneficiary (f->store, b, &error));
  g_assert_no_error (error);
  f->person = b->id;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  f->store = NULL;
  sillon_vault_session_lock (f->session);
  g_clear_object (&f->session);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->vault_path);
}

static guint
count_prints (Fixture *f, const char *fingerprint)
{
  g_autoptr (GPtrArray) entries = sillon_journal_list (f->store, NULL);
  guint n = 0;

  g_assert_nonnull (entries);
  for (guint i = 0; i < entries->len; i++)
    {
      const SillonJournalEntry *e = g_ptr_array_index (entries, i);
      if (e->action == SILLON_JOURNAL_PRINT && e->details != NULL && strstr (e->details, fingerprint) != NULL)
        n++;
    }
  return n;
}

/* No print at all was journaled. */
static void
assert_no_print_journaled (Fixture *f)
{
  g_autoptr (GPtrArray) entries = sillon_journal_list (f->store, NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    g_assert_cmpint (((SillonJournalEntry *) g_ptr_array_index (entries, i))->action, !=, SILLON_JOURNAL_PRINT);
}

/* The request of the fixture's person's sheet of @kind. */
static SillonSheetRequest
person_request (Fixture *f, SillonSheetKind kind)
{
  SillonSheetRequest request = SILLON_SHEET_REQUEST_INIT;

  request.kind = kind;
  request.person_id = f->person;
  return request;
}

/* An operation printing the fixture's person's sheet of @kind. */
static SillonPrintOperation *
new_operation (Fixture *f, SillonSheetKind kind)
{
  SillonSheetRequest request = person_request (f, kind);

  return sillon_print_operation_new (f->session, &request);
}

/* Exporting @op to the PDF @name prints nothing: the operation is
 * cancelled, without an error of GTK's, and the sheet has no code. */
static void
assert_export_cancelled (Fixture *f, SillonPrintOperation *op, const char *name)
{
  g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (op), pdf);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_CANCEL);
  g_assert_null (sillon_print_operation_get_fingerprint (op));
}

static void
test_export (Fixture *f, gconstpointer data)
{
  g_autoptr (SillonPrintOperation) op = new_operation (f, SILLON_SHEET_PROGRESS);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkPageSetup) letter = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (GVariant) saved = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "printed.pdf", NULL);
  const char *info_argv[] = { "pdfinfo", pdf, NULL };
  const char *text_argv[] = { "pdftotext", pdf, "-", NULL };
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size (letter, paper);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (op), letter);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (op), pdf);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  /* The core's sheet, laid out on the page setup's paper. */
  info = run (info_argv);
  g_assert_nonnull (strstr (info, "612 x 792 pts"));
  text = run (text_argv);
  g_assert_nonnull (strstr (text, "Mon parcours numérique"));
  g_assert_nonnull (strstr (text, "Amina"));
  g_assert_nonnull (sillon_print_operation_get_fingerprint (op));
  g_assert_nonnull (strstr (text, sillon_print_operation_get_fingerprint (op)));

  /* Journaled once with its code, and the page setup kept for next time. */
  g_assert_cmpuint (count_prints (f, sillon_print_operation_get_fingerprint (op)), ==, 1);
  saved = g_settings_get_value (settings, "page-setup");
  g_assert_cmpuint (g_variant_n_children (saved), >, 0);
  {
    g_autoptr (GtkPageSetup) again = gtk_page_setup_new_from_gvariant (saved);
    g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (again)), ==, GTK_PAPER_NAME_LETTER);
  }
}

static void
test_unknown_person (Fixture *f, gconstpointer data)
{
  /* Nothing is printed, and nothing journaled, for a sheet that cannot be
   * laid out: the person has no referral. */
  g_autoptr (SillonPrintOperation) op = new_operation (f, SILLON_SHEET_REFERRAL);

  assert_export_cancelled (f, op, "none.pdf");
  /* The reason, for the window to tell. */
  g_assert_nonnull (sillon_print_operation_get_error (op));
  g_assert_true (g_error_matches (sillon_print_operation_get_error (op), SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND));
  assert_no_print_journaled (f);
}

static void
test_locked (Fixture *f, gconstpointer data)
{
  /* The vault locks while the print dialog is open (the auto-lock, or the
   * mediator's Ctrl+L from another window): the operation, which keeps the
   * session, finds the store gone and prints nothing instead of reading a
   * closed store. */
  g_autoptr (SillonPrintOperation) op = new_operation (f, SILLON_SHEET_PROGRESS);

  sillon_vault_session_lock (f->session);
  f->store = NULL;
  assert_export_cancelled (f, op, "locked.pdf");
  g_assert_true (g_error_matches (sillon_print_operation_get_error (op), SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED));
}

/* What an _async call answered, read by its _finish function. */
typedef struct
{
  gboolean (*finish) (GAsyncResult *result, gboolean *out_done, GError **error);
  gboolean returned;
  gboolean ok;
  gboolean done;
  GError *error;
} AsyncAnswer;

static void
on_answered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncAnswer *answer = user_data;

  g_assert_false (answer->returned);
  answer->returned = TRUE;
  answer->ok = answer->finish (result, &answer->done, &answer->error);
}

static void
wait_for_answer (AsyncAnswer *answer)
{
  while (!answer->returned)
    g_main_context_iteration (NULL, TRUE);
}

/* A visible window of the application's of @type, not of @except
 * (G_TYPE_NONE: none). */
static GtkWindow *
find_window (GType type, GType except)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && !G_TYPE_CHECK_INSTANCE_TYPE (l->data, except) &&
        gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* A dialog of the application other than the main window: the save as
 * PDF's file chooser (GtkFileChooserNative falls back to a GTK dialog
 * without a portal). */
static GtkWindow *
find_chooser (void)
{
  return find_window (GTK_TYPE_FILE_CHOOSER, G_TYPE_NONE);
}

/* The _async call returned with its dialog (of @type, not of @except) up
 * and no answer yet: the dialog once it shows, the main loop having gone
 * on a while meanwhile without an answer. */
static GtkWindow *
dialog_shown_without_answer (GType type, GType except, AsyncAnswer *answer)
{
  GtkWindow *dialog;
  guint iterations = 0;

  g_assert_false (answer->returned);
  while ((dialog = find_window (type, except)) == NULL && iterations++ < 1000)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (dialog);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (answer->returned);
  return dialog;
}

/* A sheet that cannot be laid out is refused before anything is asked. */
static void
test_save_async_refused (Fixture *f, gconstpointer data)
{
  SillonSheetRequest request = person_request (f, SILLON_SHEET_REFERRAL); /* who has no referral */
  AsyncAnswer answer = { sillon_print_operation_save_sheet_finish };

  sillon_print_operation_save_sheet_async (NULL, f->session, &request, NULL, on_answered, &answer);
  wait_for_answer (&answer);
  g_assert_false (answer.ok);
  g_assert_error (answer.error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_assert_null (find_chooser ());
  g_clear_error (&answer.error);
}

/* The chooser does not block: the caller's main loop goes on while it
 * shows, and the vault locking closes it with nothing written. */
static void
test_save_async_locked (Fixture *f, gconstpointer data)
{
  SillonSheetRequest request = person_request (f, SILLON_SHEET_PROGRESS);
  g_autoptr (GtkWidget) window = g_object_ref_sink (gtk_window_new (GTK_WINDOW_TOPLEVEL));
  AsyncAnswer answer = { sillon_print_operation_save_sheet_finish };
  GtkWindow *chooser;

  gtk_widget_show (window);
  sillon_print_operation_save_sheet_async (GTK_WINDOW (window), f->session, &request, NULL, on_answered, &answer);
  chooser = dialog_shown_without_answer (GTK_TYPE_FILE_CHOOSER, G_TYPE_NONE, &answer);
  g_assert_false (gtk_window_get_modal (chooser));
  g_assert_true (gtk_window_get_transient_for (chooser) == GTK_WINDOW (window));

  sillon_vault_session_lock (f->session);
  f->store = NULL;
  wait_for_answer (&answer);
  g_assert_false (answer.ok);
  g_assert_error (answer.error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED);
  g_clear_error (&answer.error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (find_chooser ());
}

/* The print dialog does not block either: the call returns with the
 * dialog up, and cancelling it answers "not printed", with nothing
 * journaled. */
static void
test_print_async_cancelled (Fixture *f, gconstpointer data)
{
  SillonSheetRequest request = person_request (f, SILLON_SHEET_PROGRESS);
  g_autoptr (GtkWidget) window = g_object_ref_sink (gtk_window_new (GTK_WINDOW_TOPLEVEL));
  AsyncAnswer answer = { sillon_print_operation_print_sheet_finish };
  GtkWindow *dialog;
  GLogLevelFlags fatal;

  /* The print dialog's CUPS backend warns that this test's sandbox has no
   * system bus (a structured log, which no fatal handler sees): warnings
   * are not fatal while the dialog shows; criticals still are. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_widget_show (window);
  sillon_print_operation_print_sheet_async (GTK_WINDOW (window), f->session, &request, NULL, on_answered, &answer);
  /* The print dialog, not a file chooser (also a GtkDialog). */
  dialog = dialog_shown_without_answer (GTK_TYPE_DIALOG, GTK_TYPE_FILE_CHOOSER, &answer);

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  wait_for_answer (&answer);
  g_assert_no_error (answer.error);
  g_assert_true (answer.ok);
  g_assert_false (answer.done);
  assert_no_print_journaled (f);
  g_log_set_always_fatal (fatal);
}

/* What the recovery-key page borrows: the paper of a page setup, and the
 * chooser of a PDF's place. */
static void
test_paper_and_chooser (void)
{
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) letter = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  g_autoptr (GtkPaperSize) a5 = gtk_paper_size_new (GTK_PAPER_NAME_A5);
  g_autoptr (GtkFileChooserNative) chooser = NULL;
  g_autoptr (GSList) filters = NULL;
  g_autofree char *name = NULL;

  g_assert_cmpint (sillon_print_operation_paper_of (NULL), ==, SILLON_SHEET_PAPER_A4);
  gtk_page_setup_set_paper_size (setup, letter);
  g_assert_cmpint (sillon_print_operation_paper_of (setup), ==, SILLON_SHEET_PAPER_LETTER);
  /* Any other paper: A4, shrunk to fit when drawn. */
  gtk_page_setup_set_paper_size (setup, a5);
  g_assert_cmpint (sillon_print_operation_paper_of (setup), ==, SILLON_SHEET_PAPER_A4);

  chooser = sillon_print_operation_new_pdf_chooser (NULL, "Save the Recovery Key as PDF", "sillon-recovery-key.pdf");
  g_assert_cmpstr (gtk_native_dialog_get_title (GTK_NATIVE_DIALOG (chooser)), ==, "Save the Recovery Key as PDF");
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_true (gtk_file_chooser_get_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser)));
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "sillon-recovery-key.pdf");
  filters = gtk_file_chooser_list_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_slist_length (filters), ==, 1);
  g_assert_cmpstr (gtk_file_filter_get_name (filters->data), ==, "PDF documents");
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALE_DIR);
  sillon_vault_register_vfs ();
  g_test_add_func ("/print-operation/paper-and-chooser", test_paper_and_chooser);
  g_test_add ("/print-operation/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/print-operation/cannot-lay-out", Fixture, NULL, fixture_setup, test_unknown_person, fixture_teardown);
  g_test_add ("/print-operation/locked", Fixture, NULL, fixture_setup, test_locked, fixture_teardown);
  g_test_add ("/print-operation/save-async/refused", Fixture, NULL, fixture_setup, test_save_async_refused, fixture_teardown);
  g_test_add ("/print-operation/print-async/cancelled", Fixture, NULL, fixture_setup, test_print_async_cancelled, fixture_teardown);
  g_test_add ("/print-operation/save-async/locked", Fixture, NULL, fixture_setup, test_save_async_locked, fixture_teardown);
  return g_test_run ();
}
