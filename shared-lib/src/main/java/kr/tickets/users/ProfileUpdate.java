package kr.tickets.users;

import kr.tickets.common.JsonRequest;

/**
 * A validated {@code PATCH /me}: any of name, phone, and a new password (which needs the
 * current one). Absent fields stay as they are.
 */
public record ProfileUpdate(String name, String phone, String currentPassword, String newPassword) {

    public static ProfileUpdate from(JsonRequest body) {
        String name = body.optionalString("name", UserRules.NAME_MAX);
        String phone = body.optionalString("phone", 13);
        String currentPassword = body.optionalString("currentPassword", 128);
        String newPassword = body.optionalString("newPassword", 128);
        body.rejectIf("name", name == null ? null : UserRules.checkName(name));
        body.rejectIf("phone", phone == null ? null : UserRules.checkPhone(phone));
        body.rejectIf("newPassword", newPassword == null ? null : UserRules.checkPassword(newPassword));
        if (newPassword != null && currentPassword == null && !body.has("currentPassword")) {
            body.reject("currentPassword", "is required to change the password");
        }
        if (currentPassword != null && !body.has("newPassword")) {
            body.reject("newPassword", "is required with currentPassword");
        }
        if (!body.has("name") && !body.has("phone") && !body.has("newPassword") && !body.has("currentPassword")) {
            body.reject("body", "must change at least one of name, phone, newPassword");
        }
        body.throwIfInvalid();
        return new ProfileUpdate(name == null ? null : name.strip(), phone, currentPassword, newPassword);
    }
}
