package kr.tickets.catalog;

/** Genres a performance is filed under (the list filter takes these codes). */
public enum Genre {
    CONCERT,
    MUSICAL,
    PLAY,
    CLASSICAL,
    DANCE,
    KIDS,
    OTHER
}
