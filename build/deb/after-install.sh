#!/bin/bash
# postinst of the tax-kiosk .deb. electron-builder substitutes ${executable}
# and ${sanitizedProductName} before packaging (so shell variables here are
# written $NAME, never with braces). The first part repeats electron-builder's
# default after-install template, which this script replaces.

APP_DIR='/opt/${sanitizedProductName}'
EXECUTABLE='${executable}'

# --- electron-builder defaults: /usr/bin link, chrome-sandbox, AppArmor -------
if type update-alternatives >/dev/null 2>&1; then
    if [ -L "/usr/bin/$EXECUTABLE" ] && [ -e "/usr/bin/$EXECUTABLE" ] && [ "$(readlink "/usr/bin/$EXECUTABLE")" != "/etc/alternatives/$EXECUTABLE" ]; then
        rm -f "/usr/bin/$EXECUTABLE"
    fi
    update-alternatives --install "/usr/bin/$EXECUTABLE" "$EXECUTABLE" "$APP_DIR/$EXECUTABLE" 100 || ln -sf "$APP_DIR/$EXECUTABLE" "/usr/bin/$EXECUTABLE"
else
    ln -sf "$APP_DIR/$EXECUTABLE" "/usr/bin/$EXECUTABLE"
fi

# The renderer sandbox needs user namespaces, or a SUID chrome-sandbox without them.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    chmod 4755 "$APP_DIR/chrome-sandbox" || true
else
    chmod 0755 "$APP_DIR/chrome-sandbox" || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# Ubuntu 24.04+ restricts unprivileged user namespaces unless an AppArmor profile allows them.
if apparmor_status --enabled > /dev/null 2>&1; then
    APPARMOR_PROFILE_SOURCE="$APP_DIR/resources/apparmor-profile"
    APPARMOR_PROFILE_TARGET="/etc/apparmor.d/$EXECUTABLE"
    if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
        cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"
        if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
            apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
        fi
    else
        echo "Skipping the AppArmor profile: this AppArmor does not support it"
    fi
fi

# --- Device access: group and udev rule for the ID card reader and serial ports -
KIOSK_GROUP='taxkiosk'
RULES_SOURCE="$APP_DIR/resources/udev/99-tax-kiosk.rules"
RULES_TARGET='/lib/udev/rules.d/99-tax-kiosk.rules'

if ! getent group "$KIOSK_GROUP" > /dev/null 2>&1; then
    groupadd --system "$KIOSK_GROUP" || echo "tax-kiosk: could not create group $KIOSK_GROUP" >&2
fi
# The fleet image's kiosk account, when there is one, gets the devices.
if id -u kiosk > /dev/null 2>&1; then
    usermod -a -G "$KIOSK_GROUP" kiosk || true
fi

if [ -f "$RULES_SOURCE" ]; then
    install -D -m 0644 "$RULES_SOURCE" "$RULES_TARGET"
    # No udevd in a chroot or container image build: the rule applies at next boot.
    if command -v udevadm > /dev/null 2>&1 && [ -d /run/udev ]; then
        udevadm control --reload-rules || true
        udevadm trigger --subsystem-match=hidraw --subsystem-match=tty --subsystem-match=usb --action=change || true
    fi
else
    echo "tax-kiosk: $RULES_SOURCE is missing, device access not configured" >&2
fi

# --- The kiosk's own user and its systemd unit (docs/security.md) -----------------
# The kiosk runs as taxkiosk, never root: a page exploit in its browser is then not root,
# and its files are its own (data dir 0700 under /var/lib/tax-kiosk, made by the unit).
UNIT_SOURCE="$APP_DIR/resources/systemd/tax-kiosk.service"
UNIT_TARGET='/lib/systemd/system/tax-kiosk.service'
if ! id -u taxkiosk > /dev/null 2>&1; then
    useradd --system --gid "$KIOSK_GROUP" --home-dir /var/lib/tax-kiosk --no-create-home --shell /usr/sbin/nologin taxkiosk \
        || echo "tax-kiosk: could not create user taxkiosk" >&2
fi
if [ -f "$UNIT_SOURCE" ]; then
    install -D -m 0644 "$UNIT_SOURCE" "$UNIT_TARGET"
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload || true
        systemctl enable tax-kiosk.service || true
    fi
else
    echo "tax-kiosk: $UNIT_SOURCE is missing, the kiosk service is not installed" >&2
fi

exit 0
