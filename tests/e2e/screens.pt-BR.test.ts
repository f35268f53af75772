import { describeScreens } from "./screensSuite";

describeScreens("pt-BR");
