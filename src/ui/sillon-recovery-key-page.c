/* sillon-recovery-key-page.c — the recovery key, shown once after creating the vault
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-recovery-key-page.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "sillon-message-label.h"
#include "sillon-print-operation.h"
#include "sillon-sheets.h"
#include "sillon-widget-util.h"

struct _SillonRecoveryKeyPage
{
  SillonPage parent_instance;

  GtkLabel *recovery_key_label;
  GtkToggleButton *recovery_saved_check;
  GtkWidget *recovery_continue_button;
  GtkLabel *recovery_message_label;

  /* A copy of the key for the sheet, in locked memory (sodium_malloc) so
   * that it is never swapped out; freed when the key is acknowledged. */
  char *key;
};

G_DEFINE_FINAL_TYPE (SillonRecoveryKeyPage, sillon_recovery_key_page, SILLON_TYPE_PAGE)

enum
{
  SIGNAL_ACKNOWLEDGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
forget_key (SillonRecoveryKeyPage *self)
{
  if (self->key != NULL)
    sodium_free (self->key);
  self->key = NULL;
}

/* Two lines of groups are easier to copy by hand than one long line. The
 * label is not selectable: a clipboard manager would keep the key on disk. */
void
sillon_recovery_key_page_set_key (SillonRecoveryKeyPage *self,
                                  const char *key)
{
  g_autofree char *text = NULL;
  guint dashes = 0, seen = 0;

  g_return_if_fail (SILLON_IS_RECOVERY_KEY_PAGE (self));
  g_return_if_fail (key != NULL);

  forget_key (self);
  self->key = sodium_malloc (strlen (key) + 1);
  if (self->key != NULL)
    memcpy (self->key, key, strlen (key) + 1);
  text = g_strdup (key);
  for (const char *p = text; *p != '\0'; p++)
    dashes += (*p == '-');
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '-' && ++seen == (dashes + 1) / 2)
        {
          *p = '\n';
          break;
        }
    }
  gtk_label_set_text (self->recovery_key_label, text);
  sodium_memzero (text, strlen (text));
  gtk_toggle_button_set_active (self->recovery_saved_check, FALSE);
}

static void
on_recovery_saved_check_toggled (SillonRecoveryKeyPage *self)
{
  gtk_widget_set_sensitive (self->recovery_continue_button,
                            gtk_toggle_button_get_active (self->recovery_saved_check));
}

static void
on_recovery_continue_button_clicked (SillonRecoveryKeyPage *self)
{
  /* The key is shown once: drop it from the widget before moving on. */
  gtk_label_set_text (self->recovery_key_label, "");
  forget_key (self);
  g_signal_emit (self, signals[SIGNAL_ACKNOWLEDGED], 0);
}

/* The sheet in the UI's language when Sillon has sheets in it, else in
 * the default sheet language. */
static const char *
sheet_language (void)
{
  const char *const *names = g_get_language_names ();
  static char code[3];

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      if (!g_ascii_isalpha (names[i][0]) || !g_ascii_isalpha (names[i][1]))
        continue;
      code[0] = names[i][0];
      code[1] = names[i][1];
      code[2] = '\0';
      if (sillon_sheet_language_get (code, &error) != NULL)
        return code;
    }
  return NULL;
}

static SillonSheetDoc *
build_sheet (SillonRecoveryKeyPage *self, SillonSheetPaper paper, GError **error)
{
  if (self->key == NULL)
    {
      g_set_error_literal (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_WRITE,
                           _ ("The recovery key is no longer available."));
      return NULL;
    }
  return sillon_sheet_build_recovery (self->key, NULL, sheet_language (), paper, NULL, error);
}

/* Said under the buttons, in the page: a modal message box would run a
 * main loop of its own and stop the window drawing. */
static void
show_error (SillonRecoveryKeyPage *self, const GError *error)
{
  /* Translators: %s says why, e.g. “The recovery key is no longer available.” */
  sillon_message_label_set_printf (self->recovery_message_label, _ ("The recovery-key sheet was not made: %s"),
                                   error->message);
}

typedef struct
{
  SillonRecoveryKeyPage *page; /* a reference */
  SillonSheetDoc *doc;
  GtkFileChooserNative *chooser;
  gboolean done; /* the print operation said "done" */
} SheetJob;

static SheetJob *
sheet_job_new (SillonRecoveryKeyPage *self)
{
  SheetJob *job = g_new0 (SheetJob, 1);

  job->page = g_object_ref (self);
  return job;
}

static void
sheet_job_free (SheetJob *job)
{
  g_clear_pointer (&job->doc, sillon_sheet_doc_free);
  if (job->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (job->chooser));
  g_clear_object (&job->chooser);
  g_object_unref (job->page);
  g_free (job);
}

static void
on_begin_print (GtkPrintOperation *op, GtkPrintContext *context, SheetJob *job)
{
  SillonSheetPaper paper = sillon_print_operation_paper_of (gtk_print_context_get_page_setup (context));
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&job->doc, sillon_sheet_doc_free);
  job->doc = build_sheet (job->page, paper, &error);
  if (job->doc == NULL)
    {
      show_error (job->page, error);
      gtk_print_operation_cancel (op);
      return;
    }
  gtk_print_operation_set_n_pages (op, (int) sillon_sheet_doc_get_n_pages (job->doc));
}

static void
on_draw_page (GtkPrintOperation *op, GtkPrintContext *context, int page_nr, SheetJob *job)
{
  if (job->doc != NULL)
    sillon_print_operation_draw_doc_page (context, job->doc, page_nr);
}

/* The end of an asynchronous print: printed, cancelled or failed. The
 * laid-out sheet, which holds the key, is freed with the operation. */
static void
on_print_done (GtkPrintOperation *op, GtkPrintOperationResult result, SheetJob *job)
{
  if (job->done)
    return;
  job->done = TRUE;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr (GError) error = NULL;

      gtk_print_operation_get_error (op, &error);
      if (error != NULL)
        show_error (job->page, error);
    }
  g_clear_pointer (&job->doc, sillon_sheet_doc_free);
  g_object_unref (op); /* the reference print_sheet() left for this */
}

/* Printed with the sheets' own layout, without blocking the window. Not
 * journaled: the recovery key is not personal data of a person, and the
 * journal must never hold it. */
static gboolean
print_sheet (gpointer data)
{
  SillonRecoveryKeyPage *self = data;
  GtkPrintOperation *op = gtk_print_operation_new (); /* released in on_print_done */
  g_autoptr (GError) error = NULL;
  SheetJob *job = sheet_job_new (self);
  GtkPrintOperationResult result;

  sillon_message_label_set (self->recovery_message_label, NULL);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  gtk_print_operation_set_allow_async (op, TRUE);
  /* Translators: the print job's name, seen in the printer's queue. */
  gtk_print_operation_set_job_name (op, _ ("Recovery key"));
  g_object_set_data_full (G_OBJECT (op), "sillon-sheet-job", job, (GDestroyNotify) sheet_job_free);
  g_signal_connect (op, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (op, "draw-page", G_CALLBACK (on_draw_page), job);
  g_signal_connect (op, "done", G_CALLBACK (on_print_done), job);
  result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, sillon_widget_get_window (GTK_WIDGET (self)),
                                    &error);
  /* An error before the dialog showed, without a "done" to say it. */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && !job->done)
    {
      job->done = TRUE;
      if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
        show_error (self, error);
      g_object_unref (op);
    }
  return G_SOURCE_REMOVE;
}

static void
on_save_chooser_response (GtkNativeDialog *chooser, int response, SheetJob *job)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      path = sillon_print_operation_get_chosen_path (GTK_FILE_CHOOSER (chooser), &error);
      /* Acknowledged while the chooser showed: the key is gone from the
       * page, and no sheet of it is written any more. */
      if (path != NULL && job->page->key == NULL)
        g_set_error_literal (&error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_WRITE,
                             _ ("The recovery key is no longer available."));
      else if (path != NULL)
        sillon_sheet_doc_write_pdf (job->doc, path, &error);
      if (error != NULL)
        show_error (job->page, error);
    }
  sheet_job_free (job);
}

/* Written only where the user chose, readable by the owner alone
 * (sillon_sheet_doc_write_pdf creates it 0600). The chooser is not modal
 * and answers through its response signal: the window keeps drawing. */
static gboolean
save_sheet (gpointer data)
{
  SillonRecoveryKeyPage *self = data;
  SheetJob *job = sheet_job_new (self);
  g_autoptr (GError) error = NULL;

  sillon_message_label_set (self->recovery_message_label, NULL);
  job->doc = build_sheet (self, SILLON_SHEET_PAPER_A4, &error);
  if (job->doc == NULL)
    {
      show_error (self, error);
      sheet_job_free (job);
      return G_SOURCE_REMOVE;
    }
  job->chooser = sillon_print_operation_new_pdf_chooser (sillon_widget_get_window (GTK_WIDGET (self)),
                                                         _ ("Save the Recovery Key as PDF"),
                                                         /* Translators: a file name, without spaces or accents that a phone may mangle. */
                                                         _ ("sillon-recovery-key.pdf"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (job->chooser), FALSE);
  g_signal_connect (job->chooser, "response", G_CALLBACK (on_save_chooser_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (job->chooser));
  return G_SOURCE_REMOVE;
}

/* Opened from an idle callback, not from the click itself, so that
 * whoever pressed the button (a screen reader through AT-SPI waits for
 * the action's reply) is answered before the sheet is laid out. */
static void
on_recovery_print_button_clicked (SillonRecoveryKeyPage *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, print_sheet, g_object_ref (self), g_object_unref);
}

static void
on_recovery_save_button_clicked (SillonRecoveryKeyPage *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, save_sheet, g_object_ref (self), g_object_unref);
}

static void
sillon_recovery_key_page_finalize (GObject *object)
{
  forget_key (SILLON_RECOVERY_KEY_PAGE (object));
  G_OBJECT_CLASS (sillon_recovery_key_page_parent_class)->finalize (object);
}

static void
sillon_recovery_key_page_switch_to (SillonPage *page)
{
  SillonRecoveryKeyPage *self = SILLON_RECOVERY_KEY_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->recovery_saved_check));
}

static void
sillon_recovery_key_page_class_init (SillonRecoveryKeyPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sillon_recovery_key_page_finalize;
  SILLON_PAGE_CLASS (klass)->switch_to = sillon_recovery_key_page_switch_to;

  signals[SIGNAL_ACKNOWLEDGED] = g_signal_new ("acknowledged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-recovery-key-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonRecoveryKeyPage, recovery_key_label);
  gtk_widget_class_bind_template_child (widget_class, SillonRecoveryKeyPage, recovery_saved_check);
  gtk_widget_class_bind_template_child (widget_class, SillonRecoveryKeyPage, recovery_continue_button);
  gtk_widget_class_bind_template_child (widget_class, SillonRecoveryKeyPage, recovery_message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_saved_check_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_continue_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_print_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_save_button_clicked);
}

static void
sillon_recovery_key_page_init (SillonRecoveryKeyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
