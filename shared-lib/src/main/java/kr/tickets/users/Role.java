package kr.tickets.users;

/** What a signed-in person may do: USER books seats; ADMIN also runs the catalog and policies. */
public enum Role {
    USER,
    ADMIN
}
