/* sillon-page.c — what every page of the main window has in common
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page is one screen of the window's stack. It says what it is called
 * (the window binds the title to its header bar) and where the keyboard
 * goes when it is shown; it reports what the mediator did through signals
 * of its own, and the window decides which page comes next.
 *
 * A page that holds work not saved says so when the window asks whether it
 * may be left (ask_leave_async): the window asks its pages before it
 * closes, before Sillon quits and before another area shows, and never
 * needs to know which page holds what.
 *
 * Pages never keep the store: they borrow it from the session for the call
 * at hand, and learn of locking from the session's `locked` signal, which
 * this class listens to for them (the `locked` vfunc).
 */

#include "config.h"

#include "sillon-page.h"

#include <glib/gi18n.h>

typedef struct
{
  char *title;
  SillonVaultSession *session;
  gulong locked_handler;
} SillonPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SillonPage, sillon_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
sillon_page_get_title (SillonPage *self)
{
  SillonPagePrivate *priv = sillon_page_get_instance_private (self);

  g_return_val_if_fail (SILLON_IS_PAGE (self), NULL);
  return priv->title;
}

void
sillon_page_set_title (SillonPage *self,
                       const char *title)
{
  SillonPagePrivate *priv = sillon_page_get_instance_private (self);

  g_return_if_fail (SILLON_IS_PAGE (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;
  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
sillon_page_switch_to (SillonPage *self)
{
  SillonPageClass *klass;

  g_return_if_fail (SILLON_IS_PAGE (self));

  klass = SILLON_PAGE_GET_CLASS (self);
  if (klass->switch_to != NULL)
    klass->switch_to (self);
}

void
sillon_page_ask_leave_async (SillonPage *self,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  SillonPageClass *klass;
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SILLON_IS_PAGE (self));

  klass = SILLON_PAGE_GET_CLASS (self);
  if (klass->ask_leave_async != NULL)
    {
      klass->ask_leave_async (self, cancellable, callback, user_data);
      return;
    }
  /* Nothing to lose on this page. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sillon_page_ask_leave_async);
  g_task_return_boolean (task, TRUE);
}

gboolean
sillon_page_return_if_asking (GTask *task,
                              GtkWidget *question)
{
  g_return_val_if_fail (G_IS_TASK (task), FALSE);

  if (question == NULL)
    return FALSE;
  gtk_window_present (GTK_WINDOW (question));
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                           "%s", _ ("Sillon is already asking whether to save the form."));
  return TRUE;
}

gboolean
sillon_page_ask_leave_finish (SillonPage *self,
                              GAsyncResult *result,
                              GError **error)
{
  SillonPageClass *klass;

  g_return_val_if_fail (SILLON_IS_PAGE (self), FALSE);

  klass = SILLON_PAGE_GET_CLASS (self);
  if (klass->ask_leave_finish != NULL)
    return klass->ask_leave_finish (self, result, error);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
sillon_page_resume (SillonPage *self,
                    GError **error)
{
  SillonPageClass *klass;

  g_return_val_if_fail (SILLON_IS_PAGE (self), FALSE);

  klass = SILLON_PAGE_GET_CLASS (self);
  return klass->resume != NULL && klass->resume (self, error);
}

SillonVaultSession *
sillon_page_get_session (SillonPage *self)
{
  SillonPagePrivate *priv = sillon_page_get_instance_private (self);

  g_return_val_if_fail (SILLON_IS_PAGE (self), NULL);
  return priv->session;
}

SillonStore *
sillon_page_get_store (SillonPage *self)
{
  SillonPagePrivate *priv = sillon_page_get_instance_private (self);

  g_return_val_if_fail (SILLON_IS_PAGE (self), NULL);
  return priv->session != NULL ? sillon_vault_session_get_store (priv->session) : NULL;
}

SillonStore *
sillon_page_get_store_of (GtkWidget *widget)
{
  GtkWidget *page;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  page = gtk_widget_get_ancestor (widget, SILLON_TYPE_PAGE);
  return page != NULL ? sillon_page_get_store (SILLON_PAGE (page)) : NULL;
}

static void
drop_session (SillonPage *self)
{
  SillonPagePrivate *priv = sillon_page_get_instance_private (self);

  if (priv->session == NULL)
    return;
  g_clear_signal_handler (&priv->locked_handler, priv->session);
  g_clear_object (&priv->session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
on_session_locked (SillonPage *self)
{
  SillonPageClass *klass = SILLON_PAGE_GET_CLASS (self);

  if (klass->locked != NULL)
    klass->locked (self);
  drop_session (self);
}

void
sillon_page_set_session (SillonPage *self,
                         SillonVaultSession *session)
{
  SillonPagePrivate *priv = sillon_page_get_instance_private (self);

  g_return_if_fail (SILLON_IS_PAGE (self));
  g_return_if_fail (session == NULL || SILLON_IS_VAULT_SESSION (session));

  if (priv->session == session)
    return;
  drop_session (self);
  if (session == NULL)
    return;
  priv->session = g_object_ref (session);
  priv->locked_handler = g_signal_connect_swapped (session, "locked", G_CALLBACK (on_session_locked), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
sillon_page_get_property (GObject *object,
                          guint prop_id,
                          GValue *value,
                          GParamSpec *pspec)
{
  SillonPage *self = SILLON_PAGE (object);

  switch (prop_id)
    {
      case PROP_TITLE:
        g_value_set_string (value, sillon_page_get_title (self));
        break;
      case PROP_SESSION:
        g_value_set_object (value, sillon_page_get_session (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sillon_page_set_property (GObject *object,
                          guint prop_id,
                          const GValue *value,
                          GParamSpec *pspec)
{
  SillonPage *self = SILLON_PAGE (object);

  switch (prop_id)
    {
      case PROP_TITLE:
        sillon_page_set_title (self, g_value_get_string (value));
        break;
      case PROP_SESSION:
        sillon_page_set_session (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sillon_page_dispose (GObject *object)
{
  drop_session (SILLON_PAGE (object));
  G_OBJECT_CLASS (sillon_page_parent_class)->dispose (object);
}

static void
sillon_page_finalize (GObject *object)
{
  SillonPagePrivate *priv = sillon_page_get_instance_private (SILLON_PAGE (object));

  g_free (priv->title);
  G_OBJECT_CLASS (sillon_page_parent_class)->finalize (object);
}

static void
sillon_page_class_init (SillonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sillon_page_get_property;
  object_class->set_property = sillon_page_set_property;
  object_class->dispose = sillon_page_dispose;
  object_class->finalize = sillon_page_finalize;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, SILLON_TYPE_VAULT_SESSION,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sillon_page_init (SillonPage *self)
{
}
