/* vd-hardware-page.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-hardware-page.h"

/*
 * One editable page of a guest's Details. The page is given the window's
 * VdDomainEditor, which stays unedited while the user works: at every
 * change the page commits its widgets into a scratch editor made from the
 * same XML, which tells whether the input is valid (the setters accept it)
 * and dirty (the XML would change), and gives the XML tab what Apply would
 * define. Only Apply commits into the real editor. Pages never call
 * libvirt.
 */

typedef struct
{
  /* Owned references */
  VdDomain       *domain;
  VdDomainEditor *editor;
  char           *preview;   /* the scratch editor's XML, NULL when invalid */

  guint           loading;   /* > 0 while load runs: changes are not edits */
  guint           valid : 1;
  guint           dirty : 1;
  guint           touched : 1;
} VdHardwarePagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VdHardwarePage, vd_hardware_page, GTK_TYPE_BOX)

static void recheck (VdHardwarePage *self);

enum {
  PROP_0,
  PROP_DOMAIN,
  PROP_EDITOR,
  PROP_VALID,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_state (VdHardwarePage *self,
           gboolean        valid,
           gboolean        dirty)
{
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  if (priv->valid != !!valid)
    {
      priv->valid = !!valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
  if (priv->dirty != !!dirty)
    {
      priv->dirty = !!dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }
}

static void
vd_hardware_page_real_load (VdHardwarePage *self,
                            VdDomainEditor *editor)
{
}

static gboolean
vd_hardware_page_real_commit (VdHardwarePage  *self,
                              VdDomainEditor  *editor,
                              GError         **error)
{
  return TRUE;
}

static void
vd_hardware_page_dispose (GObject *object)
{
  VdHardwarePage *self = (VdHardwarePage *)object;
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  g_clear_object (&priv->editor);
  g_clear_object (&priv->domain);

  G_OBJECT_CLASS (vd_hardware_page_parent_class)->dispose (object);
}

static void
vd_hardware_page_finalize (GObject *object)
{
  VdHardwarePage *self = (VdHardwarePage *)object;
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  g_clear_pointer (&priv->preview, g_free);

  G_OBJECT_CLASS (vd_hardware_page_parent_class)->finalize (object);
}

static void
vd_hardware_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VdHardwarePage *self = VD_HARDWARE_PAGE (object);
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      g_value_set_object (value, priv->domain);
      break;

    case PROP_EDITOR:
      g_value_set_object (value, priv->editor);
      break;

    case PROP_VALID:
      g_value_set_boolean (value, priv->valid);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, priv->dirty);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_hardware_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VdHardwarePage *self = VD_HARDWARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      vd_hardware_page_set_domain (self, g_value_get_object (value));
      break;

    case PROP_EDITOR:
      vd_hardware_page_set_editor (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_hardware_page_class_init (VdHardwarePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vd_hardware_page_dispose;
  object_class->finalize = vd_hardware_page_finalize;
  object_class->get_property = vd_hardware_page_get_property;
  object_class->set_property = vd_hardware_page_set_property;

  klass->load = vd_hardware_page_real_load;
  klass->commit = vd_hardware_page_real_commit;

  properties[PROP_DOMAIN] =
    g_param_spec_object ("domain", NULL, NULL, VD_TYPE_DOMAIN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, VD_TYPE_DOMAIN_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VdHardwarePage::checked:
   *
   * The page judged its fields again (after a load or a change): what
   * vd_hardware_page_get_xml() gives may differ. The Add Hardware dialog's
   * preview follows it.
   */
  signals[CHECKED] =
    g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vd_hardware_page_init (VdHardwarePage *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}

VdDomain *
vd_hardware_page_get_domain (VdHardwarePage *self)
{
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  g_return_val_if_fail (VD_IS_HARDWARE_PAGE (self), NULL);

  return priv->domain;
}

void
vd_hardware_page_set_domain (VdHardwarePage *self,
                             VdDomain       *domain)
{
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  g_return_if_fail (VD_IS_HARDWARE_PAGE (self));
  g_return_if_fail (domain == NULL || VD_IS_DOMAIN (domain));

  if (g_set_object (&priv->domain, domain))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOMAIN]);
}

VdDomainEditor *
vd_hardware_page_get_editor (VdHardwarePage *self)
{
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  g_return_val_if_fail (VD_IS_HARDWARE_PAGE (self), NULL);

  return priv->editor;
}

/**
 * vd_hardware_page_set_editor:
 * @editor: (nullable): the guest's configuration, unedited
 *
 * Shows @editor's values (dropping whatever the widgets held).
 */
void
vd_hardware_page_set_editor (VdHardwarePage *self,
                             VdDomainEditor *editor)
{
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  g_return_if_fail (VD_IS_HARDWARE_PAGE (self));
  g_return_if_fail (editor == NULL || VD_IS_DOMAIN_EDITOR (editor));

  if (g_set_object (&priv->editor, editor))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);

  gtk_widget_set_sensitive (GTK_WIDGET (self), editor != NULL);
  vd_hardware_page_load (self);
}

gboolean
vd_hardware_page_get_valid (VdHardwarePage *self)
{
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  g_return_val_if_fail (VD_IS_HARDWARE_PAGE (self), FALSE);

  return priv->valid;
}

/**
 * vd_hardware_page_get_dirty:
 *
 * Returns: whether the user changed a field since the page was loaded and
 *   the configuration would differ (or the input is not valid yet)
 */
gboolean
vd_hardware_page_get_dirty (VdHardwarePage *self)
{
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  g_return_val_if_fail (VD_IS_HARDWARE_PAGE (self), FALSE);

  return priv->dirty;
}

/**
 * vd_hardware_page_get_xml:
 *
 * Returns: (transfer full) (nullable): the whole guest's XML with this
 *   page's fields as they are now; the editor's own XML when the input is
 *   not valid; %NULL without an editor
 */
char *
vd_hardware_page_get_xml (VdHardwarePage *self)
{
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  g_return_val_if_fail (VD_IS_HARDWARE_PAGE (self), NULL);

  if (priv->preview != NULL)
    return g_strdup (priv->preview);
  if (priv->editor != NULL)
    return vd_domain_editor_get_xml (priv->editor);

  return NULL;
}

/**
 * vd_hardware_page_load:
 *
 * Fills the widgets from the editor again (Revert).
 */
void
vd_hardware_page_load (VdHardwarePage *self)
{
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  g_return_if_fail (VD_IS_HARDWARE_PAGE (self));

  priv->touched = FALSE;
  if (priv->editor != NULL)
    {
      priv->loading++;
      VD_HARDWARE_PAGE_GET_CLASS (self)->load (self, priv->editor);
      priv->loading--;
    }
  recheck (self);
}

/**
 * vd_hardware_page_commit:
 * @editor: where to write the page's values
 *
 * Returns: %FALSE with @error set when a field holds bad input
 */
gboolean
vd_hardware_page_commit (VdHardwarePage  *self,
                         VdDomainEditor  *editor,
                         GError         **error)
{
  g_return_val_if_fail (VD_IS_HARDWARE_PAGE (self), FALSE);
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (editor), FALSE);

  return VD_HARDWARE_PAGE_GET_CLASS (self)->commit (self, editor, error);
}

gboolean
vd_hardware_page_is_loading (VdHardwarePage *self)
{
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  g_return_val_if_fail (VD_IS_HARDWARE_PAGE (self), FALSE);

  return priv->loading > 0;
}

/* Judges the input on a scratch copy of the editor. */
static void
recheck (VdHardwarePage *self)
{
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);
  g_autoptr(VdDomainEditor) scratch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  gboolean ok;

  g_clear_pointer (&priv->preview, g_free);
  if (priv->editor == NULL)
    {
      set_state (self, FALSE, FALSE);
      g_signal_emit (self, signals[CHECKED], 0);
      return;
    }

  xml = vd_domain_editor_get_xml (priv->editor);
  scratch = vd_domain_editor_new_from_xml (xml, NULL);
  g_return_if_fail (scratch != NULL);

  ok = vd_hardware_page_commit (self, scratch, &error);
  if (ok)
    priv->preview = vd_domain_editor_get_xml (scratch);
  else
    g_debug ("%s: %s", G_OBJECT_TYPE_NAME (self), error->message);

  set_state (self, ok, priv->touched && (!ok || vd_domain_editor_is_dirty (scratch)));
  g_signal_emit (self, signals[CHECKED], 0);
}

/**
 * vd_hardware_page_changed:
 *
 * For subclasses, from their widgets' change handlers: the user changed a
 * field. Updates #VdHardwarePage:valid and #VdHardwarePage:dirty. Changes
 * made while the page loads are not edits and are ignored.
 */
void
vd_hardware_page_changed (VdHardwarePage *self)
{
  VdHardwarePagePrivate *priv = vd_hardware_page_get_instance_private (self);

  g_return_if_fail (VD_IS_HARDWARE_PAGE (self));

  if (priv->loading > 0)
    return;

  priv->touched = TRUE;
  recheck (self);
}

void
vd_hardware_page_set_field_message (GtkLabel   *label,
                                    const char *message)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  /* Called at every change (and every statistics tick): only a new text
   * relayouts. */
  if (g_strcmp0 (gtk_label_get_text (label), message != NULL ? message : "") != 0)
    gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && message[0] != '\0');
}
