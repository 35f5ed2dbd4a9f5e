/* sillon-referral-dialog.h — refer a person to a place of the directory
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-vault-session.h"

G_BEGIN_DECLS

#define SILLON_REFERRAL_DIALOG_ERROR (sillon_referral_dialog_error_quark ())

typedef enum
{
  SILLON_REFERRAL_DIALOG_ERROR_INVALID, /* a field is missing; the message says which */
} SillonReferralDialogError;

GQuark sillon_referral_dialog_error_quark (void);

/* Responses besides GTK_RESPONSE_OK (save only) and GTK_RESPONSE_CANCEL:
 * save, then print the referral sheet, or save it as PDF. */
typedef enum
{
  SILLON_REFERRAL_DIALOG_RESPONSE_PRINT = 1,
  SILLON_REFERRAL_DIALOG_RESPONSE_SAVE_PDF = 2,
} SillonReferralDialogResponse;

#define SILLON_TYPE_REFERRAL_DIALOG (sillon_referral_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SillonReferralDialog, sillon_referral_dialog, SILLON, REFERRAL_DIALOG, GtkDialog)

/* A referral of @beneficiary_id, whose commune (@commune_insee, NULL: not
 * known) puts the nearest places first. The dialog searches the directory
 * on @session's store for each search, and holds no store. */
SillonReferralDialog *sillon_referral_dialog_new (GtkWindow *parent,
                                                  SillonVaultSession *session,
                                                  gint64 beneficiary_id,
                                                  const char *commune_insee);
/* Chooses the kind of structure (a StructureDeRedirection value), as the
 * session that led to the referral said it; an unknown one leaves it not said. */
void sillon_referral_dialog_set_destination (SillonReferralDialog *self,
                                             const char *destination);
/* The referral is made at the end of session @session_id (one of the
 * person's, 0: none): it is saved linked to it, and the person's story
 * shows the link. */
void sillon_referral_dialog_set_session_id (SillonReferralDialog *self,
                                            gint64 session_id);
/* The referral as filled in, dated today; NULL with an error saying what
 * is missing (and the focus on it). */
SillonReferral *sillon_referral_dialog_get_referral (SillonReferralDialog *self,
                                                     GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* What the form holds, as typed and checked by nobody, for the lock to
 * keep in memory; set_draft() fills a new dialog with it again (a place
 * erased meanwhile is left out). */
SillonReferral *sillon_referral_dialog_get_draft (SillonReferralDialog *self) G_GNUC_WARN_UNUSED_RESULT;
void sillon_referral_dialog_set_draft (SillonReferralDialog *self,
                                       const SillonReferral *draft);
void sillon_referral_dialog_show_error (SillonReferralDialog *self,
                                        const char *message);

G_END_DECLS
