/* sillon-referrals-page.h — the referrals area: referrals to follow up
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-page.h"

G_BEGIN_DECLS

#define SILLON_TYPE_REFERRALS_PAGE (sillon_referrals_page_get_type ())
G_DECLARE_FINAL_TYPE (SillonReferralsPage, sillon_referrals_page, SILLON, REFERRALS_PAGE, SillonPage)

/* Reads the list again from the page's session (empty while locked). */
void sillon_referrals_page_refresh (SillonReferralsPage *self);

G_END_DECLS
