/* sillon-print-operation.c — printing a sheet, and saving it as PDF, with the core's layout
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-print-operation.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#define SETTINGS_PRINT_SETTINGS "print-settings"
#define SETTINGS_PAGE_SETUP "page-setup"

struct _SillonPrintOperation
{
  GtkPrintOperation parent_instance;

  SillonVaultSession *session;
  SillonSheetRequest request;
  char *language;
  char *date;
  guint8 *fingerprint_key; /* sodium_malloc */
  GError *key_error;

  SillonSheetDoc *doc;
  char *fingerprint;
  gint64 referral_id;
  GError *error; /* why the sheet was not printed, or not journaled */

  GTask *task; /* the _async call under way, until it returns */
};

G_DEFINE_FINAL_TYPE (SillonPrintOperation, sillon_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
free_key (guint8 **key)
{
  if (*key != NULL)
    sodium_free (*key);
  *key = NULL;
}

/* ---------------------------------------------------------------------- */
/* Settings kept between prints */

static GSettings *
app_settings (void)
{
  return g_settings_new (APPLICATION_ID);
}

static void
load_settings (GtkPrintOperation *op)
{
  g_autoptr (GSettings) settings = app_settings ();
  g_autoptr (GVariant) print = g_settings_get_value (settings, SETTINGS_PRINT_SETTINGS);
  g_autoptr (GVariant) page = g_settings_get_value (settings, SETTINGS_PAGE_SETUP);

  if (g_variant_n_children (print) > 0)
    {
      g_autoptr (GtkPrintSettings) print_settings = gtk_print_settings_new_from_gvariant (print);
      gtk_print_operation_set_print_settings (op, print_settings);
    }
  if (g_variant_n_children (page) > 0)
    {
      g_autoptr (GtkPageSetup) page_setup = gtk_page_setup_new_from_gvariant (page);
      if (page_setup != NULL)
        gtk_print_operation_set_default_page_setup (op, page_setup);
    }
}

static void
save_settings (GtkPrintOperation *op)
{
  g_autoptr (GSettings) settings = app_settings ();
  GtkPrintSettings *print_settings = gtk_print_operation_get_print_settings (op);
  GtkPageSetup *page_setup = gtk_print_operation_get_default_page_setup (op);

  if (print_settings != NULL)
    g_settings_set_value (settings, SETTINGS_PRINT_SETTINGS, gtk_print_settings_to_gvariant (print_settings));
  if (page_setup != NULL)
    g_settings_set_value (settings, SETTINGS_PAGE_SETUP, gtk_page_setup_to_gvariant (page_setup));
}

/* The sheets know A4 and US Letter; any other paper gets A4, shrunk to fit
 * when drawn. */
SillonSheetPaper
sillon_print_operation_paper_of (GtkPageSetup *setup)
{
  GtkPaperSize *size = setup != NULL ? gtk_page_setup_get_paper_size (setup) : NULL;

  if (size != NULL && g_strcmp0 (gtk_paper_size_get_name (size), GTK_PAPER_NAME_LETTER) == 0)
    return SILLON_SHEET_PAPER_LETTER;
  return SILLON_SHEET_PAPER_A4;
}

/* The session’s store for the call at hand, or NULL with
 * SILLON_VAULT_ERROR_LOCKED once the vault has locked (the print dialog
 * and the file chooser run a main loop, during which it may lock). */
static SillonStore *
borrow_store (SillonPrintOperation *self, GError **error)
{
  SillonStore *store = sillon_vault_session_is_locked (self->session) ? NULL : sillon_vault_session_get_store (self->session);

  if (store == NULL)
    g_set_error_literal (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED, _ ("The vault is locked."));
  return store;
}

static gboolean
record_print (SillonPrintOperation *self, const SillonSheetRequest *request, GError **error)
{
  SillonStore *store = borrow_store (self, error);

  if (store == NULL)
    return FALSE;
  return sillon_sheet_record_print (store, sillon_vault_session_get_journal_key (self->session),
                                    sillon_vault_session_get_mediator_id (self->session), request, self->referral_id,
                                    self->fingerprint, error);
}

static SillonSheetDoc *
build (SillonPrintOperation *self, const SillonSheetRequest *request, GError **error)
{
  SillonStore *store;

  if (self->key_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->key_error));
      return NULL;
    }
  store = borrow_store (self, error);
  if (store == NULL)
    return NULL;
  return sillon_sheet_build (store, request, self->fingerprint_key, &self->fingerprint, &self->referral_id, error);
}

/* ---------------------------------------------------------------------- */
/* The operation */

static void
sillon_print_operation_begin_print (GtkPrintOperation *op, GtkPrintContext *context)
{
  SillonPrintOperation *self = SILLON_PRINT_OPERATION (op);
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->doc, sillon_sheet_doc_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_error (&self->error);
  self->request.paper = sillon_print_operation_paper_of (gtk_print_context_get_page_setup (context));
  self->doc = build (self, &self->request, &error);
  if (self->doc == NULL)
    {
      /* Told to the user by whoever ran the operation
       * (sillon_print_operation_get_error). */
      self->error = g_steal_pointer (&error);
      gtk_print_operation_cancel (op);
      return;
    }
  gtk_print_operation_set_n_pages (op, (int) sillon_sheet_doc_get_n_pages (self->doc));
}

/* The operation prints the whole paper in points (use-full-page, unit
 * points): the sheet has its own margins. A paper smaller than the sheet's
 * shrinks it whole. */
void
sillon_print_operation_draw_doc_page (GtkPrintContext *context,
                                      SillonSheetDoc *doc,
                                      int page_nr)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  g_return_if_fail (GTK_IS_PRINT_CONTEXT (context));
  g_return_if_fail (doc != NULL);

  sillon_sheet_paper_get_size (sillon_sheet_doc_get_paper (doc), &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width, gtk_print_context_get_height (context) / height);
  cairo_save (cr);
  if (scale < 0.999)
    cairo_scale (cr, scale, scale);
  sillon_sheet_doc_draw_page (doc, cr, (guint) page_nr);
  cairo_restore (cr);
}

static void
sillon_print_operation_draw_page (GtkPrintOperation *op, GtkPrintContext *context, int page_nr)
{
  SillonPrintOperation *self = SILLON_PRINT_OPERATION (op);

  if (self->doc != NULL)
    sillon_print_operation_draw_doc_page (context, self->doc, page_nr);
}

static void
sillon_print_operation_done (GtkPrintOperation *op, GtkPrintOperationResult result)
{
  SillonPrintOperation *self = SILLON_PRINT_OPERATION (op);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && self->doc != NULL)
    {
      g_autoptr (GError) error = NULL;

      save_settings (op);
      /* Printing personal data is journaled, with the sheet's code. */
      if (!record_print (self, &self->request, &error))
        self->error = g_steal_pointer (&error);
    }
  if (GTK_PRINT_OPERATION_CLASS (sillon_print_operation_parent_class)->done != NULL)
    GTK_PRINT_OPERATION_CLASS (sillon_print_operation_parent_class)->done (op, result);
}

static void
sillon_print_operation_finalize (GObject *object)
{
  SillonPrintOperation *self = SILLON_PRINT_OPERATION (object);

  free_key (&self->fingerprint_key);
  g_clear_object (&self->session);
  g_clear_error (&self->key_error);
  g_clear_error (&self->error);
  g_clear_pointer (&self->doc, sillon_sheet_doc_free);
  g_free (self->fingerprint);
  g_free (self->language);
  g_free (self->date);
  G_OBJECT_CLASS (sillon_print_operation_parent_class)->finalize (object);
}

static void
sillon_print_operation_class_init (SillonPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *op_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = sillon_print_operation_finalize;
  op_class->begin_print = sillon_print_operation_begin_print;
  op_class->draw_page = sillon_print_operation_draw_page;
  op_class->done = sillon_print_operation_done;
}

static void
sillon_print_operation_init (SillonPrintOperation *self)
{
  GtkPrintOperation *op = GTK_PRINT_OPERATION (self);

  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  load_settings (op);
}

SillonPrintOperation *
sillon_print_operation_new (SillonVaultSession *session,
                            const SillonSheetRequest *request)
{
  SillonPrintOperation *self;

  g_return_val_if_fail (SILLON_IS_VAULT_SESSION (session), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  self = g_object_new (SILLON_TYPE_PRINT_OPERATION, NULL);
  self->session = g_object_ref (session);
  self->request = *request;
  self->language = g_strdup (request->language);
  self->date = g_strdup (request->date);
  self->request.language = self->language;
  self->request.date = self->date;
  self->fingerprint_key = sillon_sheet_fingerprint_derive_key (session, &self->key_error);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), sillon_sheet_kind_to_string (request->kind));
  return self;
}

const char *
sillon_print_operation_get_fingerprint (SillonPrintOperation *self)
{
  g_return_val_if_fail (SILLON_IS_PRINT_OPERATION (self), NULL);
  return self->fingerprint;
}

const GError *
sillon_print_operation_get_error (SillonPrintOperation *self)
{
  g_return_val_if_fail (SILLON_IS_PRINT_OPERATION (self), NULL);
  return self->error;
}

gboolean
sillon_print_operation_print_sheet (GtkWindow *parent,
                                    SillonVaultSession *session,
                                    const SillonSheetRequest *request,
                                    GError **error)
{
  g_autoptr (SillonPrintOperation) op = sillon_print_operation_new (session, request);

  if (op->key_error != NULL)
    {
      g_propagate_error (error, g_error_copy (op->key_error));
      return FALSE;
    }
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;
  if (op->error != NULL)
    {
      g_propagate_error (error, g_error_copy (op->error));
      return FALSE;
    }
  return TRUE;
}

/* Ends the _async print once: from "done", or at once when the run did not
 * go asynchronous (an error before the dialog). */
static void
print_task_return (SillonPrintOperation *self, GtkPrintOperationResult result)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->task);
  GError *error = NULL;

  if (task == NULL)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (GTK_PRINT_OPERATION (self), &error);
      if (error == NULL)
        error = g_error_new_literal (GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL, _ ("The sheet could not be printed."));
      g_task_return_error (task, error);
    }
  else if (self->error != NULL)
    g_task_return_error (task, g_error_copy (self->error));
  else
    g_task_return_int (task, result == GTK_PRINT_OPERATION_RESULT_APPLY);
}

/* Connected after the class handler, which has journaled the print. */
static void
on_async_print_done (GtkPrintOperation *op, GtkPrintOperationResult result, gpointer user_data)
{
  print_task_return (SILLON_PRINT_OPERATION (op), result);
}

void
sillon_print_operation_print_sheet_async (GtkWindow *parent,
                                          SillonVaultSession *session,
                                          const SillonSheetRequest *request,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  g_autoptr (SillonPrintOperation) op = NULL;
  g_autoptr (GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (SILLON_IS_VAULT_SESSION (session));
  g_return_if_fail (request != NULL);

  op = sillon_print_operation_new (session, request);
  /* The task keeps the operation alive while the dialog shows. */
  op->task = g_task_new (op, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, sillon_print_operation_print_sheet_async);
  if (op->key_error != NULL)
    {
      g_autoptr (GTask) task = g_steal_pointer (&op->task);
      g_task_return_error (task, g_error_copy (op->key_error));
      return;
    }
  g_signal_connect_after (op, "done", G_CALLBACK (on_async_print_done), NULL);
  /* The dialog answers through "done" instead of a nested main loop, so
   * the window goes on drawing (and locking) meanwhile. */
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (op), TRUE);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS || op->task == NULL)
    return;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    {
      g_autoptr (GTask) task = g_steal_pointer (&op->task);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  print_task_return (op, result);
}

static gboolean
sheet_task_finish (GAsyncResult *result, gpointer source_tag, gboolean *out_done, GError **error)
{
  gssize done;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  done = g_task_propagate_int (G_TASK (result), error);
  if (out_done != NULL)
    *out_done = done > 0;
  return done >= 0;
}

gboolean
sillon_print_operation_print_sheet_finish (GAsyncResult *result, gboolean *out_printed, GError **error)
{
  return sheet_task_finish (result, sillon_print_operation_print_sheet_async, out_printed, error);
}

/* ---------------------------------------------------------------------- */
/* Save as PDF */

static const char *
file_stem (SillonSheetKind kind)
{
  switch (kind)
    {
      case SILLON_SHEET_PROGRESS:
        /* Translators: the start of a file name, without spaces or accents that a phone may mangle. */
        return _ ("progress-sheet");
      case SILLON_SHEET_REFERRAL:
        /* Translators: the start of a file name. */
        return _ ("referral-sheet");
      case SILLON_SHEET_NOTICE:
        /* Translators: the start of a file name. */
        return _ ("information-notice");
      case SILLON_SHEET_RECORD:
        /* Translators: the start of a file name. */
        return _ ("personal-record");
      default:
        return "sheet";
    }
}

/* Lays out the sheet before asking where to save it: a sheet that cannot
 * be made (no referral to print…) is told at once, not after choosing a
 * file. The paper is the last page setup's, as when printing. */
static gboolean
prepare_save (SillonPrintOperation *op, GError **error)
{
  op->request.paper = sillon_print_operation_paper_of (gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (op)));
  op->doc = build (op, &op->request, error);
  return op->doc != NULL;
}

/* A file chooser that asks where to save a PDF named @file_name, and
 * confirms before replacing a file. */
GtkFileChooserNative *
sillon_print_operation_new_pdf_chooser (GtkWindow *parent,
                                        const char *title,
                                        const char *file_name)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  filter = gtk_file_filter_new (); /* sunk by the chooser */
  gtk_file_filter_set_name (filter, _ ("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  return chooser;
}

/* The local path the user chose, or NULL and why: a sheet is written by
 * path, never through a remote location. */
char *
sillon_print_operation_get_chosen_path (GtkFileChooser *chooser,
                                        GError **error)
{
  g_autoptr (GFile) file = NULL;
  char *path;

  g_return_val_if_fail (GTK_IS_FILE_CHOOSER (chooser), NULL);

  file = gtk_file_chooser_get_file (chooser);
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _ ("Sheets can only be saved to a folder of this computer."));
  return path;
}

static GtkFileChooserNative *
new_save_chooser (SillonPrintOperation *op, GtkWindow *parent)
{
  /* The file name holds no personal data: only the record's number. */
  g_autofree char *name = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".pdf", file_stem (op->request.kind),
                                           op->request.person_id);

  return sillon_print_operation_new_pdf_chooser (parent, _ ("Save the Sheet as PDF"), name);
}

/* Writes the laid-out sheet where the user chose, and journals it. */
static gboolean
save_to_chosen_file (SillonPrintOperation *op, GtkFileChooser *chooser, GError **error)
{
  g_autofree char *path = sillon_print_operation_get_chosen_path (chooser, error);

  if (path == NULL)
    return FALSE;
  /* The vault may have locked while the chooser showed: nothing is
   * written that could not be journaled. */
  if (borrow_store (op, error) == NULL)
    return FALSE;
  if (!sillon_sheet_doc_write_pdf (op->doc, path, error))
    return FALSE;
  /* As `sillon-cli sheet` does: a sheet written but not journaled is
   * removed. */
  if (!record_print (op, &op->request, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}

gboolean
sillon_print_operation_save_sheet (GtkWindow *parent,
                                   SillonVaultSession *session,
                                   const SillonSheetRequest *request,
                                   GError **error)
{
  g_autoptr (SillonPrintOperation) op = sillon_print_operation_new (session, request);
  g_autoptr (GtkFileChooserNative) chooser = NULL;

  if (!prepare_save (op, error))
    return FALSE;
  chooser = new_save_chooser (op, parent);
  if (gtk_native_dialog_run (GTK_NATIVE_DIALOG (chooser)) != GTK_RESPONSE_ACCEPT)
    return TRUE;
  return save_to_chosen_file (op, GTK_FILE_CHOOSER (chooser), error);
}

typedef struct
{
  GtkFileChooserNative *chooser;
  SillonVaultSession *session; /* a reference */
  gulong locked_handler;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_signal_handler (&data->locked_handler, data->session);
  if (data->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (data->chooser));
  g_clear_object (&data->chooser);
  g_clear_object (&data->session);
  g_free (data);
}

static void
on_save_chooser_response (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SillonPrintOperation *op = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  /* One answer per task: the lock handler and this one never both run. */
  g_signal_handlers_disconnect_by_func (chooser, on_save_chooser_response, user_data);
  g_clear_signal_handler (&data->locked_handler, data->session);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (response != GTK_RESPONSE_ACCEPT)
    g_task_return_int (task, FALSE);
  else if (save_to_chosen_file (op, GTK_FILE_CHOOSER (chooser), &error))
    g_task_return_int (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* A visitor at the counter must not find a save dialog that writes the
 * sheet after the vault locked: it closes, and the caller hears why. */
static void
on_save_session_locked (SillonVaultSession *session, gpointer user_data)
{
  GTask *task = user_data;
  SaveData *data = g_task_get_task_data (task);

  g_clear_signal_handler (&data->locked_handler, data->session);
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (data->chooser));
  g_signal_handlers_disconnect_by_func (data->chooser, on_save_chooser_response, task);
  g_task_return_new_error (task, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED, "%s", _ ("The vault is locked."));
  g_object_unref (task);
}

void
sillon_print_operation_save_sheet_async (GtkWindow *parent,
                                         SillonVaultSession *session,
                                         const SillonSheetRequest *request,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (SillonPrintOperation) op = NULL;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  SaveData *data;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (SILLON_IS_VAULT_SESSION (session));
  g_return_if_fail (request != NULL);

  op = sillon_print_operation_new (session, request);
  task = g_task_new (op, cancellable, callback, user_data);
  g_task_set_source_tag (task, sillon_print_operation_save_sheet_async);
  if (!prepare_save (op, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_new0 (SaveData, 1);
  data->chooser = new_save_chooser (op, parent);
  data->session = g_object_ref (session);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  /* Not modal, and answered through "response" rather than a nested main
   * loop: the window keeps drawing and the idle lock keeps counting. The
   * task's reference goes to whichever of the two handlers answers. */
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (data->chooser), FALSE);
  g_signal_connect (data->chooser, "response", G_CALLBACK (on_save_chooser_response), g_object_ref (task));
  data->locked_handler = g_signal_connect (session, "locked", G_CALLBACK (on_save_session_locked), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (data->chooser));
}

gboolean
sillon_print_operation_save_sheet_finish (GAsyncResult *result, gboolean *out_saved, GError **error)
{
  return sheet_task_finish (result, sillon_print_operation_save_sheet_async, out_saved, error);
}
