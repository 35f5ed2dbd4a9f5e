/* sillon-people-page.h — find or add a person
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-page.h"
#include "sillon-store.h"

G_BEGIN_DECLS

#define SILLON_TYPE_PEOPLE_PAGE (sillon_people_page_get_type ())
G_DECLARE_FINAL_TYPE (SillonPeoplePage, sillon_people_page, SILLON, PEOPLE_PAGE, SillonPage)

/* Runs the search again in the page's session (the list is empty while
 * locked), e.g. after a change elsewhere. */
void sillon_people_page_refresh (SillonPeoplePage *self);
void sillon_people_page_show_new_person_form (SillonPeoplePage *self);

/* A person's name as the mediator should see it: anonymous people get a
 * number rather than a blank. */
char *sillon_beneficiary_dup_display_name (const SillonBeneficiary *b);

G_END_DECLS
