package kr.tickets.users;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import kr.tickets.common.ApiException;
import kr.tickets.common.JsonRequest;
import kr.tickets.web.ApiFunction;

/**
 * Makes sure an ADMIN account exists: creates it, or promotes the account with that email.
 * Nobody can sign up as ADMIN through the API, so the first admin comes from here.
 *
 * <p>Locally the runner calls {@link #ensure} at start (see README). Against AWS, with
 * credentials and USERS_TABLE set to the stack's table:
 * {@code ADMIN_PASSWORD=... java -cp functions/users/target/function.jar kr.tickets.users.AdminBootstrap
 * admin@example.com "관리자" 010-0000-0000}
 */
public final class AdminBootstrap {
    private AdminBootstrap() {
    }

    /** Returns the admin's user id. */
    public static String ensure(Map<String, String> environment, String email, String password, String name,
                                String phone) {
        try (ApplicationContext context = ApiFunction.contextFor(environment).start()) {
            UserService users = context.getBean(UserService.class);
            SignupCommand command = SignupCommand.from(JsonRequest.parse(
                    "{\"name\":" + quote(name) + ",\"email\":" + quote(email) + ",\"password\":" + quote(password)
                            + ",\"phone\":" + quote(phone) + "}", "application/json"));
            return users.findByEmail(command.email())
                    .map(existing -> existing.role() == Role.ADMIN ? existing : users.changeRole(existing, Role.ADMIN))
                    .orElseGet(() -> users.create(command, Role.ADMIN))
                    .userId();
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
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
        }
    }
}
