package kr.tickets.users;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import kr.tickets.common.ApiException;
import kr.tickets.common.JsonRequest;
import kr.tickets.web.ApiFunction;

/**
 * Makes sure an ADMIN account exists: creates it, or promotes the account with that email if
 * the given password is that account's password. It never promotes an account on its email
 * alone: whoever can run it would otherwise turn any user they can name into an admin, and an
 * account someone else signed up with the admin's email would become that someone's admin.
 * Nobody can sign up as ADMIN through the API, so the first admin comes from here.
 *
 * <p>Locally the runner calls {@link #ensure} at start (see README). Against AWS, with
 * credentials, USERS_TABLE and AUTH_TABLE set to the stack's tables (the role is also written
 * to the Auth table, where every authenticated request reads it):
 * {@code ADMIN_PASSWORD=... java -cp functions/users/target/function.jar kr.tickets.users.AdminBootstrap
 * admin@example.com "관리자" 010-0000-0000}. Exit codes: 0 done, 1 invalid input, 2 usage,
 * 3 refused (the account exists and the password is not its password).
 */
public final class AdminBootstrap {
    private AdminBootstrap() {
    }

    /** Returns the admin's user id. */
    public static String ensure(Map<String, String> environment, String email, String password, String name,
                                String phone) {
        try (ApplicationContext context = ApiFunction.contextFor(environment).start()) {
            return ensureWith(context.getBean(UserService.class), email, password, name, phone);
        }
    }

    /**
     * Creates the admin, or promotes (or confirms) the existing account with that email once
     * its stored bcrypt hash matches {@code password}; {@link Refused} otherwise, changing nothing.
     */
    public static String ensureWith(UserService users, String email, String password, String name, String phone) {
        SignupCommand command = SignupCommand.from(JsonRequest.parse(
                "{\"name\":" + quote(name) + ",\"email\":" + quote(email) + ",\"password\":" + quote(password)
                        + ",\"phone\":" + quote(phone) + "}", "application/json"));
        if (users.findByEmail(command.email()).isEmpty()) {
            return users.create(command, Role.ADMIN).userId();
        }
        User existing = users.authenticate(command.email(), command.password()).orElseThrow(() -> new Refused(
                "An account with the email " + command.email() + " already exists and the given password is not its "
                        + "password: it is not promoted to ADMIN on its email alone. Run again with that account's "
                        + "password, or use another email."));
        // Rewritten even when already ADMIN, so an admin from before the Auth table kept roles gets its role item.
        return users.changeRole(existing, Role.ADMIN).userId();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The bootstrap would have promoted an account without proof that its owner asked for it. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        String password = System.getenv("ADMIN_PASSWORD");
        if (args.length != 3 || password == null) {
            System.err.println("usage: ADMIN_PASSWORD=... AdminBootstrap <email> <name> <phone>");
            System.exit(2);
        }
        try {
            System.out.println("admin userId=" + ensure(System.getenv(), args[0], password, args[1], args[2]));
        } catch (ApiException e) {
            System.err.println(e.code() + ": " + e.getMessage() + " " + e.fieldErrors());
            System.exit(1);
        } catch (Refused e) {
            System.err.println("REFUSED: " + e.getMessage());
            System.exit(3);
        }
    }
}
