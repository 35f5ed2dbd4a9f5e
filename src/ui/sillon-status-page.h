/* sillon-status-page.h — what an empty place says: icon, title, sentence, action
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SILLON_TYPE_STATUS_PAGE (sillon_status_page_get_type ())
G_DECLARE_FINAL_TYPE (SillonStatusPage, sillon_status_page, SILLON, STATUS_PAGE, GtkBox)

/* A GNOME status page: a large dimmed icon, a title, a sentence that says
 * why the place is empty, and a button for what to do about it (hidden
 * while the button has no label). Its properties: icon-name, title,
 * description, button-label (with a mnemonic) and button-action (an action
 * name such as "people.new-person"). */
GtkWidget *sillon_status_page_new (void);

void sillon_status_page_set_title (SillonStatusPage *self,
                                   const char *title);
void sillon_status_page_set_description (SillonStatusPage *self,
                                         const char *description);

G_END_DECLS
