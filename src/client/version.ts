/** The app version each response records (DESIGN §4 rule 8). */
export const APP_VERSION = '0.1.0';
