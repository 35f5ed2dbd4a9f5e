/* sillon-person-page.h — one person and their assessments
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-page.h"
#include "sillon-store.h"

G_BEGIN_DECLS

#define SILLON_TYPE_PERSON_PAGE (sillon_person_page_get_type ())
G_DECLARE_FINAL_TYPE (SillonPersonPage, sillon_person_page, SILLON, PERSON_PAGE, SillonPage)

/* Shows @beneficiary_id, read from the page's session (which must be
 * open). */
gboolean sillon_person_page_load (SillonPersonPage *self,
                                  gint64 beneficiary_id,
                                  GError **error);
/* Forgets the person shown (their data leaves the widgets), as locking
 * does. */
void sillon_person_page_clear (SillonPersonPage *self);
gint64 sillon_person_page_get_beneficiary_id (SillonPersonPage *self);
/* The name shown in the title (also the page's title). */
const char *sillon_person_page_get_display_name (SillonPersonPage *self);
void sillon_person_page_show_message (SillonPersonPage *self,
                                      const char *message);

G_END_DECLS
