package kr.tickets.users;

import kr.tickets.common.JsonRequest;

/** A validated signup: the email is already normalised. */
public record SignupCommand(String name, String email, String password, String phone) {

    /** Reads and validates {@code {name,email,password,phone}}; throws 400 naming every bad field. */
    public static SignupCommand from(JsonRequest body) {
        String name = body.requiredString("name", UserRules.NAME_MAX);
        String email = body.requiredString("email", UserRules.EMAIL_MAX);
        String password = body.requiredString("password", 128);
        String phone = body.requiredString("phone", 13);
        body.rejectIf("name", name == null ? null : UserRules.checkName(name));
        body.rejectIf("email", email == null ? null : UserRules.checkEmail(email.trim()));
        body.rejectIf("password", password == null ? null : UserRules.checkPassword(password));
        body.rejectIf("phone", phone == null ? null : UserRules.checkPhone(phone));
        body.throwIfInvalid();
        return new SignupCommand(name.strip(), UserRules.normalizeEmail(email), password, phone);
    }
}
