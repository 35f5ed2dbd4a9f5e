/* sillon-page.h — what every page of the main window has in common
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SILLON_TYPE_PAGE (sillon_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (SillonPage, sillon_page, SILLON, PAGE, GtkBox)

struct _SillonPageClass
{
  GtkBoxClass parent_class;

  /* Called each time the window shows the page: give the focus to the
   * control the mediator needs first, and the default to its main button. */
  void (*switch_to) (SillonPage *self);
};

/* The page's title, which the window shows as its header bar's subtitle. */
const char *sillon_page_get_title (SillonPage *self);
void sillon_page_set_title (SillonPage *self,
                            const char *title);

void sillon_page_switch_to (SillonPage *self);

G_END_DECLS
