/* sillon-toast.c — an in-window notification with an Undo button
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 3 has no toast: this is the revealer with the "app-notification"
 * style that GNOME applications of that generation use (Nautilus, Photos).
 */

#include "config.h"

#include "sillon-toast.h"

struct _SillonToast
{
  GtkRevealer parent_instance;

  guint timeout_id;

  GtkLabel *message_label;
  GtkWidget *undo_button;
};

G_DEFINE_FINAL_TYPE (SillonToast, sillon_toast, GTK_TYPE_REVEALER)

enum
{
  SIGNAL_UNDO,
  SIGNAL_DISMISSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hide (SillonToast *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self), FALSE);
}

void
sillon_toast_dismiss (SillonToast *self)
{
  g_return_if_fail (SILLON_IS_TOAST (self));

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (self)))
    return;
  hide (self);
  g_signal_emit (self, signals[SIGNAL_DISMISSED], 0);
}

static gboolean
on_timeout (gpointer user_data)
{
  SillonToast *self = user_data;

  self->timeout_id = 0;
  sillon_toast_dismiss (self);
  return G_SOURCE_REMOVE;
}

void
sillon_toast_show (SillonToast *self,
                   const char *message,
                   gboolean can_undo)
{
  g_return_if_fail (SILLON_IS_TOAST (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (self->undo_button, can_undo);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self), TRUE);
  self->timeout_id = g_timeout_add_seconds (SILLON_TOAST_SECONDS, on_timeout, self);
}

gboolean
sillon_toast_is_shown (SillonToast *self)
{
  g_return_val_if_fail (SILLON_IS_TOAST (self), FALSE);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (self));
}

static void
on_undo_button_clicked (SillonToast *self)
{
  hide (self);
  g_signal_emit (self, signals[SIGNAL_UNDO], 0);
}

static void
sillon_toast_dispose (GObject *object)
{
  SillonToast *self = SILLON_TOAST (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  G_OBJECT_CLASS (sillon_toast_parent_class)->dispose (object);
}

static void
sillon_toast_class_init (SillonToastClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_toast_dispose;

  signals[SIGNAL_UNDO] = g_signal_new ("undo", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_DISMISSED] = g_signal_new ("dismissed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-toast.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonToast, message_label);
  gtk_widget_class_bind_template_child (widget_class, SillonToast, undo_button);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, sillon_toast_dismiss);
}

static void
sillon_toast_init (SillonToast *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
