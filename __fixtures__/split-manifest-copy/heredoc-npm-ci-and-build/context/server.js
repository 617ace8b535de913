const express = require("express");
