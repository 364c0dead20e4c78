#!/bin/bash
# postrm of the tax-kiosk .deb: undoes after-install.sh. electron-builder
# substitutes ${executable} and ${sanitizedProductName}; shell variables are
# written $NAME, never with braces.

APP_DIR='/opt/${sanitizedProductName}'
EXECUTABLE='${executable}'

if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove "$EXECUTABLE" "$APP_DIR/$EXECUTABLE" || true
else
    rm -f "/usr/bin/$EXECUTABLE"
fi

APPARMOR_PROFILE_DEST="/etc/apparmor.d/$EXECUTABLE"
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
    if apparmor_status --enabled > /dev/null 2>&1; then
        if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
            apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
        fi
    fi
    rm -f "$APPARMOR_PROFILE_DEST"
fi

# On upgrade the new package's postinst installs the rule again; on removal it goes.
# The taxkiosk group stays: files or ACLs elsewhere may still name it.
if [ "$1" = "remove" ] || [ "$1" = "purge" ]; then
    if [ -d /run/systemd/system ]; then
        systemctl disable tax-kiosk.service > /dev/null 2>&1 || true
    fi
    rm -f /lib/systemd/system/tax-kiosk.service
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload || true
    fi
    rm -f /lib/udev/rules.d/99-tax-kiosk.rules
    if command -v udevadm > /dev/null 2>&1 && [ -d /run/udev ]; then
        udevadm control --reload-rules || true
    fi
fi

exit 0
