from acme_textutils import slugify


class Stock:
    def __init__(self, warehouse):
        self.warehouse = warehouse
        self.items = {"Blue Widget": 12, "Red Gadget (large)": 3}

    def report(self):
        return {
            "warehouse": self.warehouse,
            "items": {slugify(name): count for name, count in self.items.items()},
        }
