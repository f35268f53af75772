export * from "./accessMessage";
export * from "./closeCodes";
export * from "./ids";
export * from "./messageTypes";
export * from "./roomName";
export * from "./savedMessage";
