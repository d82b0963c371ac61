package kr.tickets.users;

/** What a user sees of their own account (never the password hash). */
public record Profile(String userId, String name, String email, String phone, String role) {
}
