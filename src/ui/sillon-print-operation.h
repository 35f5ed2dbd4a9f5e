/* sillon-print-operation.h — printing a sheet, and saving it as PDF, with the core's layout
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-sheets.h"
#include "sillon-vault-session.h"

G_BEGIN_DECLS

#define SILLON_TYPE_PRINT_OPERATION (sillon_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (SillonPrintOperation, sillon_print_operation, SILLON, PRINT_OPERATION, GtkPrintOperation)

/* A print operation for the sheet @request asks for. The sheet is laid out
 * in begin-print on the paper the user chose (A4, or US Letter when the
 * page setup is Letter), and each page is drawn by the same code as the
 * PDF (sillon_sheet_doc_draw_page). When the print is sent, it is
 * journaled with its fingerprint and the print settings and page setup
 * are saved in GSettings. @session gives the store, the keys and the
 * mediator; the operation keeps a reference and borrows the store only
 * while it lays out and journals, so a sheet whose vault locked meanwhile
 * fails with SILLON_VAULT_ERROR_LOCKED and prints nothing. */
SillonPrintOperation *sillon_print_operation_new (SillonVaultSession *session,
                                                  const SillonSheetRequest *request);

/* The fingerprint of the sheet printed, once begin-print has run; NULL
 * for a sheet without one. */
const char *sillon_print_operation_get_fingerprint (SillonPrintOperation *self);

/* Why the last run printed nothing (the sheet could not be laid out: an
 * unknown person, no referral…) or was not journaled; NULL when all went
 * well. */
const GError *sillon_print_operation_get_error (SillonPrintOperation *self);

/* Shows the print dialog (with preview) for @request's sheet over @parent,
 * without blocking: the window keeps drawing and answering while the
 * dialog is up, and @callback runs once the sheet is printed, the user
 * cancelled, or it failed. Call sillon_print_operation_print_sheet_finish()
 * there. @cancellable is checked when the operation ends: once cancelled,
 * the result is G_IO_ERROR_CANCELLED (what was sent to the printer is not
 * called back). */
void sillon_print_operation_print_sheet_async (GtkWindow *parent,
                                               SillonVaultSession *session,
                                               const SillonSheetRequest *request,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
/* TRUE when printed or cancelled by the user (*@out_printed says which,
 * when not NULL); FALSE with @error when the sheet could not be laid out,
 * printed or journaled. */
gboolean sillon_print_operation_print_sheet_finish (GAsyncResult *result,
                                                    gboolean *out_printed,
                                                    GError **error);

/* As sillon_print_operation_save_sheet(), without blocking: the sheet is
 * laid out first (@callback gets its error at once, before any question),
 * then the file chooser is shown, not modal, and the sheet written and
 * journaled from its response. If the vault locks meanwhile, the chooser
 * closes and the result is SILLON_VAULT_ERROR_LOCKED: nothing is written. */
void sillon_print_operation_save_sheet_async (GtkWindow *parent,
                                              SillonVaultSession *session,
                                              const SillonSheetRequest *request,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
/* TRUE when saved or cancelled by the user (*@out_saved says which, when
 * not NULL); FALSE with @error otherwise. */
gboolean sillon_print_operation_save_sheet_finish (GAsyncResult *result,
                                                   gboolean *out_saved,
                                                   GError **error);

/* The blocking forms, kept for callers that wait for the answer: they run
 * the dialogs' own main loops. Prefer the _async ones in the window.
 *
 * Shows the print dialog (with preview) for @request's sheet over @parent. */
gboolean sillon_print_operation_print_sheet (GtkWindow *parent,
                                             SillonVaultSession *session,
                                             const SillonSheetRequest *request,
                                             GError **error);

/* Lays out @request's sheet, then asks where to save it with a
 * GtkFileChooserNative (so that it goes through the portal in the
 * Flatpak), writes it as PDF and journals it. Returns FALSE with @error
 * on failure (a sheet that cannot be laid out fails before anything is
 * asked); TRUE also when the user cancelled. */
gboolean sillon_print_operation_save_sheet (GtkWindow *parent,
                                            SillonVaultSession *session,
                                            const SillonSheetRequest *request,
                                            GError **error);

/* For a sheet printed or saved without a person's record (the recovery
 * key): the same paper, drawing and file chooser as the sheets above. */
SillonSheetPaper sillon_print_operation_paper_of (GtkPageSetup *setup);
void sillon_print_operation_draw_doc_page (GtkPrintContext *context,
                                           SillonSheetDoc *doc,
                                           int page_nr);
GtkFileChooserNative *sillon_print_operation_new_pdf_chooser (GtkWindow *parent,
                                                              const char *title,
                                                              const char *file_name);
char *sillon_print_operation_get_chosen_path (GtkFileChooser *chooser,
                                              GError **error);

G_END_DECLS
