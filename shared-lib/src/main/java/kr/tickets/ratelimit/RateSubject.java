package kr.tickets.ratelimit;

/** Whose requests a counter counts: one user's, or one client address's (API Gateway's sourceIp). */
public enum RateSubject { USER, CLIENT_ADDRESS }
