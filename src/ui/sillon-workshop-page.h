/* sillon-workshop-page.h — plan one workshop and take its attendance
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-page.h"

G_BEGIN_DECLS

#define SILLON_TYPE_WORKSHOP_PAGE (sillon_workshop_page_get_type ())
G_DECLARE_FINAL_TYPE (SillonWorkshopPage, sillon_workshop_page, SILLON, WORKSHOP_PAGE, SillonPage)

/* Shows the workshop @workshop_id of the page's session, or an empty form
 * for a new one (0). */
gboolean sillon_workshop_page_load (SillonWorkshopPage *self,
                                    gint64 workshop_id,
                                    GError **error);
/* Takes the workshop and its participants off the page. */
void sillon_workshop_page_clear (SillonWorkshopPage *self);
/* The workshop shown, 0 while it is not saved. */
gint64 sillon_workshop_page_get_workshop_id (SillonWorkshopPage *self);

/* Asks whether to save the workshop shown when it has changed since it was
 * loaded or saved (or is a copy never saved): TRUE from _finish when the
 * page may be left (nothing to lose, saved, or discarded), FALSE when the
 * mediator stays on it. */
void sillon_workshop_page_ask_leave_async (SillonWorkshopPage *self,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data);
gboolean sillon_workshop_page_ask_leave_finish (SillonWorkshopPage *self,
                                                GAsyncResult *result,
                                                GError **error);

/* Each dimension of the anonymous counts (gender, age, status, already
 * accompanied) adds up to at most the total; FALSE with a translated
 * message otherwise. Shared with whatever else counts participants. */
gboolean sillon_workshop_check_anonymous_counts (const guint *anon,
                                                 char **out_message);

G_END_DECLS
