/* sillon-page.h — what every page of the main window has in common
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-vault-session.h"

G_BEGIN_DECLS

#define SILLON_TYPE_PAGE (sillon_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (SillonPage, sillon_page, SILLON, PAGE, GtkBox)

struct _SillonPageClass
{
  GtkBoxClass parent_class;

  /* Called each time the window shows the page: give the focus to the
   * control the mediator needs first, and the default to its main button. */
  void (*switch_to) (SillonPage *self);
  /* The page's session has locked: its store is gone. Take everything
   * about the people in the vault out of the widgets. Called once, before
   * the page's session becomes NULL. */
  void (*locked) (SillonPage *self);
  /* May the page be left (the window closes, Sillon quits, another area
   * shows)? A page holding work not saved asks the mediator — save,
   * discard or stay — and answers TRUE once the work is saved or
   * discarded, FALSE to stay. Unset: always TRUE. A page that holds
   * nothing answers TRUE without asking, whether it shows or not. The
   * finish may stay unset when the answer is a GTask's boolean. */
  void (*ask_leave_async) (SillonPage *self,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data);
  gboolean (*ask_leave_finish) (SillonPage *self,
                                GAsyncResult *result,
                                GError **error);
  /* Just unlocked: a page that kept the mediator's work over the lock (in
   * memory only, out of its widgets) puts it back from its new session's
   * store and returns TRUE, and the window shows it. Unset, or nothing
   * kept: FALSE. FALSE with @error when the store failed. */
  gboolean (*resume) (SillonPage *self,
                      GError **error);
};

/* The page's title, which the window shows as its header bar's subtitle. */
const char *sillon_page_get_title (SillonPage *self);
void sillon_page_set_title (SillonPage *self,
                            const char *title);

void sillon_page_switch_to (SillonPage *self);

/* Whether the page may be left: see the class's ask_leave_async. */
void sillon_page_ask_leave_async (SillonPage *self,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
gboolean sillon_page_ask_leave_finish (SillonPage *self,
                                       GAsyncResult *result,
                                       GError **error);
/* For an ask_leave_async while @question (NULL: none) already asks
 * whether to save a form: one question at a time, the one shown comes
 * forward and gets the answer, and @task fails with G_IO_ERROR_PENDING.
 * FALSE, @task untouched, when nothing asks yet. */
gboolean sillon_page_return_if_asking (GTask *task,
                                       GtkWidget *question);
/* See the class's resume. */
gboolean sillon_page_resume (SillonPage *self,
                             GError **error);

/* The open vault the page works on, NULL while locked. The window gives
 * each new session to every page; the page lets go of it when it locks. */
SillonVaultSession *sillon_page_get_session (SillonPage *self);
void sillon_page_set_session (SillonPage *self,
                              SillonVaultSession *session);
/* The session's store, NULL while locked: never kept by a page, only
 * borrowed for the call at hand. */
SillonStore *sillon_page_get_store (SillonPage *self);
/* The same for a widget inside a page (a form section, a chooser): the
 * store of the page that holds @widget, NULL outside a page or while
 * locked. */
SillonStore *sillon_page_get_store_of (GtkWidget *widget);

G_END_DECLS
