require("./lib");
