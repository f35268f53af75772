import { describeScreens } from "./screensSuite";

describeScreens("zh-CN");
