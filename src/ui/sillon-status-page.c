/* sillon-status-page.c — what an empty place says: icon, title, sentence, action
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 3 has no status page (libhandy's HdyStatusPage is not in the
 * dependencies); this one is small enough to keep here, and every empty
 * list of the window uses it, so that they all read alike.
 */

#include "config.h"

#include "sillon-status-page.h"

struct _SillonStatusPage
{
  GtkBox parent_instance;

  GtkImage *icon;
  GtkLabel *title_label;
  GtkLabel *description_label;
  GtkButton *action_button;
};

G_DEFINE_FINAL_TYPE (SillonStatusPage, sillon_status_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_BUTTON_LABEL,
  PROP_BUTTON_ACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
sillon_status_page_new (void)
{
  return g_object_new (SILLON_TYPE_STATUS_PAGE, NULL);
}

void
sillon_status_page_set_title (SillonStatusPage *self,
                              const char *title)
{
  g_return_if_fail (SILLON_IS_STATUS_PAGE (self));
  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
sillon_status_page_set_description (SillonStatusPage *self,
                                    const char *description)
{
  g_return_if_fail (SILLON_IS_STATUS_PAGE (self));
  gtk_label_set_text (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL && description[0] != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

static void
sillon_status_page_get_property (GObject *object,
                                 guint prop_id,
                                 GValue *value,
                                 GParamSpec *pspec)
{
  SillonStatusPage *self = SILLON_STATUS_PAGE (object);
  const char *icon_name = NULL;

  switch (prop_id)
    {
      case PROP_ICON_NAME:
        gtk_image_get_icon_name (self->icon, &icon_name, NULL);
        g_value_set_string (value, icon_name);
        break;
      case PROP_TITLE:
        g_value_set_string (value, gtk_label_get_text (self->title_label));
        break;
      case PROP_DESCRIPTION:
        g_value_set_string (value, gtk_label_get_text (self->description_label));
        break;
      case PROP_BUTTON_LABEL:
        g_value_set_string (value, gtk_button_get_label (self->action_button));
        break;
      case PROP_BUTTON_ACTION:
        g_value_set_string (value, gtk_actionable_get_action_name (GTK_ACTIONABLE (self->action_button)));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sillon_status_page_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  SillonStatusPage *self = SILLON_STATUS_PAGE (object);
  const char *text = g_value_get_string (value);

  switch (prop_id)
    {
      case PROP_ICON_NAME:
        gtk_image_set_from_icon_name (self->icon, text, GTK_ICON_SIZE_DIALOG);
        /* The pixel size outlives the icon: set it again. */
        gtk_image_set_pixel_size (self->icon, 96);
        break;
      case PROP_TITLE:
        sillon_status_page_set_title (self, text);
        break;
      case PROP_DESCRIPTION:
        sillon_status_page_set_description (self, text);
        break;
      case PROP_BUTTON_LABEL:
        gtk_button_set_label (self->action_button, text);
        gtk_widget_set_visible (GTK_WIDGET (self->action_button), text != NULL && text[0] != '\0');
        break;
      case PROP_BUTTON_ACTION:
        gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), text);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sillon_status_page_class_init (SillonStatusPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sillon_status_page_get_property;
  object_class->set_property = sillon_status_page_set_property;

  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL,
                                                    G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL,
                                                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUTTON_LABEL] = g_param_spec_string ("button-label", NULL, NULL, NULL,
                                                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUTTON_ACTION] = g_param_spec_string ("button-action", NULL, NULL, NULL,
                                                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-status-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonStatusPage, icon);
  gtk_widget_class_bind_template_child (widget_class, SillonStatusPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SillonStatusPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, SillonStatusPage, action_button);
}

static void
sillon_status_page_init (SillonStatusPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
