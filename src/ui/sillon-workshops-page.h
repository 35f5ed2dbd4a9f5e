/* sillon-workshops-page.h — the workshops area: upcoming and past workshops
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-page.h"

G_BEGIN_DECLS

#define SILLON_TYPE_WORKSHOPS_PAGE (sillon_workshops_page_get_type ())
G_DECLARE_FINAL_TYPE (SillonWorkshopsPage, sillon_workshops_page, SILLON, WORKSHOPS_PAGE, SillonPage)

/* Reads the lists again from the page's session (empty while locked). */
void sillon_workshops_page_refresh (SillonWorkshopsPage *self);

/* One line about a workshop for lists: date, level, participants. */
char *sillon_workshop_dup_summary (SillonStore *store,
                                   const SillonWorkshop *w);

G_END_DECLS
