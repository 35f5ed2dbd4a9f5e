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

static SillonSheetPaper
paper_of (GtkPageSetup *setup)
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
  self->request.paper = paper_of (gtk_print_context_get_page_setup (context));
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

static void
sillon_print_operation_draw_page (GtkPrintOperation *op, GtkPrintContext *context, int page_nr)
{
  SillonPrintOperation *self = SILLON_PRINT_OPERATION (op);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  if (self->doc == NULL)
    return;
  /* The whole paper in points (use-full-page, unit points): the sheet has
   * its own margins. A paper smaller than the sheet's shrinks it whole. */
  sillon_sheet_paper_get_size (sillon_sheet_doc_get_paper (self->doc), &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width, gtk_print_context_get_height (context) / height);
  cairo_save (cr);
  if (scale < 0.999)
    cairo_scale (cr, scale, scale);
  sillon_sheet_doc_draw_page (self->doc, cr, (guint) page_nr);
  cairo_restore (cr);
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

gboolean
sillon_print_operation_save_sheet (GtkWindow *parent,
                                   SillonVaultSession *session,
                                   const SillonSheetRequest *request,
                                   GError **error)
{
  g_autoptr (GtkFileChooserNative) chooser = NULL;
  GtkFileFilter *filter = gtk_file_filter_new (); /* sunk by the chooser */
  g_autoptr (SillonPrintOperation) op = sillon_print_operation_new (session, request);
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  SillonSheetRequest sheet = op->request;

  /* Laid out before asking where to save it: a sheet that cannot be made
   * (no referral to print…) is told at once, not after choosing a file. The
   * paper is the last page setup's, as when printing. */
  sheet.paper = paper_of (gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (op)));
  op->doc = build (op, &sheet, error);
  if (op->doc == NULL)
    return FALSE;

  /* The file name holds no personal data: only the record's number. */
  name = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".pdf", file_stem (request->kind), request->person_id);
  chooser = gtk_file_chooser_native_new (_ ("Save the Sheet as PDF"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _ ("_Save"), _ ("_Cancel"));
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _ ("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (gtk_native_dialog_run (GTK_NATIVE_DIALOG (chooser)) != GTK_RESPONSE_ACCEPT)
    return TRUE;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("Sheets can only be saved to a folder of this computer."));
      return FALSE;
    }
  if (!sillon_sheet_doc_write_pdf (op->doc, path, error))
    return FALSE;
  /* As `sillon-cli sheet` does: a sheet written but not journaled is
   * removed. */
  if (!record_print (op, &sheet, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}
