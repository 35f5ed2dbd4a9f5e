/* sillon-print-operation.h — printing a sheet, and saving it as PDF, with the core's layout
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-sheets.h"
#include "sillon-vault.h"

G_BEGIN_DECLS

#define SILLON_TYPE_PRINT_OPERATION (sillon_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (SillonPrintOperation, sillon_print_operation, SILLON, PRINT_OPERATION, GtkPrintOperation)

/* A print operation for the sheet @request asks for. The sheet is laid out
 * in begin-print on the paper the user chose (A4, or US Letter when the
 * page setup is Letter), and each page is drawn by the same code as the
 * PDF (sillon_sheet_doc_draw_page). When the print is sent, it is
 * journaled with its fingerprint and the print settings and page setup
 * are saved in GSettings. @vault gives the keys; @store and @vault must
 * outlive the operation. */
SillonPrintOperation *sillon_print_operation_new (SillonVault *vault,
                                                  SillonStore *store,
                                                  gint64 mediator_id,
                                                  const SillonSheetRequest *request);

/* The fingerprint of the sheet printed, once begin-print has run; NULL
 * for a sheet without one. */
const char *sillon_print_operation_get_fingerprint (SillonPrintOperation *self);

/* Why the last run printed nothing (the sheet could not be laid out: an
 * unknown person, no referral…) or was not journaled; NULL when all went
 * well. */
const GError *sillon_print_operation_get_error (SillonPrintOperation *self);

/* Shows the print dialog (with preview) for @request's sheet over @parent. */
gboolean sillon_print_operation_print_sheet (GtkWindow *parent,
                                             SillonVault *vault,
                                             SillonStore *store,
                                             gint64 mediator_id,
                                             const SillonSheetRequest *request,
                                             GError **error);

/* Asks where to save @request's sheet with a GtkFileChooserNative (so that
 * it goes through the portal in the Flatpak), writes it as PDF and
 * journals it. Returns FALSE with @error on failure; TRUE also when the
 * user cancelled. */
gboolean sillon_print_operation_save_sheet (GtkWindow *parent,
                                            SillonVault *vault,
                                            SillonStore *store,
                                            gint64 mediator_id,
                                            const SillonSheetRequest *request,
                                            GError **error);

G_END_DECLS
