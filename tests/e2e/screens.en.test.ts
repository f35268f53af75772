import { describeScreens } from "./screensSuite";

describeScreens("en");
