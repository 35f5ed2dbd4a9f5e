/* sillon-consent-dialog.h — record what a person agreed to, and when
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-store.h"

G_BEGIN_DECLS

/* The scopes a consent lists, comma-separated, in SillonConsent.scope: the
 * words are stored, never translated. */
#define SILLON_CONSENT_SCOPE_RECORD "record"
#define SILLON_CONSENT_SCOPE_SHARE_REFERRAL "share-referral"

#define SILLON_CONSENT_DIALOG_ERROR (sillon_consent_dialog_error_quark ())

typedef enum
{
  SILLON_CONSENT_DIALOG_ERROR_INVALID, /* a field is not valid; the message says how to fix it */
} SillonConsentDialogError;

GQuark sillon_consent_dialog_error_quark (void);

#define SILLON_TYPE_CONSENT_DIALOG (sillon_consent_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SillonConsentDialog, sillon_consent_dialog, SILLON, CONSENT_DIALOG, GtkDialog)

/* A form on @parent for a new consent of @beneficiary_id, dated today. It
 * answers GTK_RESPONSE_OK on Record. */
SillonConsentDialog *sillon_consent_dialog_new (GtkWindow *parent, gint64 beneficiary_id);
/* The consent as the form says; NULL with a message a mediator can act on. */
SillonConsent *sillon_consent_dialog_get_consent (SillonConsentDialog *self,
                                                  GError **error) G_GNUC_WARN_UNUSED_RESULT;
void sillon_consent_dialog_show_error (SillonConsentDialog *self,
                                       const char *message);
/* The scopes of @scope in the UI's language, comma-separated. */
char *sillon_consent_describe_scope (const char *scope) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
