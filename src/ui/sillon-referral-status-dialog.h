/* sillon-referral-status-dialog.h — what became of a referral
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-store.h"

G_BEGIN_DECLS

#define SILLON_TYPE_REFERRAL_STATUS_DIALOG (sillon_referral_status_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SillonReferralStatusDialog, sillon_referral_status_dialog, SILLON, REFERRAL_STATUS_DIALOG, GtkDialog)

/* Asks what became of the referral @referral_id that @summary describes,
 * starting from @status; answers GTK_RESPONSE_OK or GTK_RESPONSE_CANCEL. */
SillonReferralStatusDialog *sillon_referral_status_dialog_new (GtkWindow *parent,
                                                               gint64 referral_id,
                                                               const char *summary,
                                                               SillonReferralStatus status);
SillonReferralStatus sillon_referral_status_dialog_get_status (SillonReferralStatusDialog *self);
/* Writes the chosen status to the referral as stored now (its other fields
 * as they are), or shows why it cannot in the dialog and returns FALSE. */
gboolean sillon_referral_status_dialog_save (SillonReferralStatusDialog *self,
                                             SillonStore *store);
void sillon_referral_status_dialog_show_error (SillonReferralStatusDialog *self,
                                               const char *message);

/* A status in words, for lists and the timeline ("honoured"). */
const char *sillon_referral_status_describe (SillonReferralStatus status);
/* A person and a place in one line, as the lists and the dialog show them:
 * "Ana Silva → France services (Reims), 7 December 2026". */
char *sillon_referral_describe (const char *person,
                                const char *place,
                                const char *commune,
                                const char *iso_date) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
