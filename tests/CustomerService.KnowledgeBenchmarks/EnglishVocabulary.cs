namespace CustomerService.KnowledgeBenchmarks;

/// <summary>English customer-service prose on the same topics as <see cref="ChineseVocabulary"/>.</summary>
internal static class EnglishVocabulary
{
    public static Vocabulary Instance { get; } = new(
        Language: "en",
        WordSeparator: " ",
        Products:
        [
            "wireless earbuds", "smart watch", "robot vacuum", "electric toothbrush", "air purifier", "router", "tablet", "laptop", "phone",
            "power bank", "rice cooker", "coffee machine", "hair dryer", "smart scale", "smart lock", "projector", "mechanical keyboard",
            "wireless mouse", "monitor", "smart speaker", "security camera", "humidifier", "dishwasher", "fridge", "air conditioner", "TV",
            "game controller", "printer", "kids watch", "water filter", "e-scooter", "dash cam", "microwave", "shaver", "fitness band",
        ],
        Actions:
        [
            "return", "exchange", "repair", "activate", "pair", "unpair", "update the firmware of", "reset", "track", "cancel", "refund",
            "register", "replace the battery of", "install", "trade in", "recycle", "unlock", "sync", "extend the warranty of", "clean",
        ],
        Faults:
        [
            "will not turn on", "charges slowly", "keeps disconnecting from Bluetooth", "has a flickering screen", "cannot join Wi-Fi",
            "gets very hot", "makes a loud noise", "shuts down by itself", "shows as offline in the app", "blinks a red light",
            "has a much shorter battery life", "does not recognise fingerprints", "shows an error code", "stops syncing data",
        ],
        Fixes:
        [
            "hold the power button for ten seconds", "move the device closer to the router and pair it again", "use the original charger and cable",
            "check for a firmware update in the app", "clean the filter and the air outlet", "factory reset it and add it again",
            "turn off battery saver on your phone", "unplug it and plug it back in", "remove the device from the app and add it again",
        ],
        Channels: ["the My orders page in the app", "live chat on our website", "our support hotline", "an authorised service centre", "email support"],
        Periods: ["24 hours", "48 hours", "1 to 3 business days", "3 to 5 business days", "7 business days", "2 hours", "the same day"],
        Regions: ["London", "Manchester", "Scotland", "Wales", "Northern Ireland", "the Channel Islands", "Dublin", "remote areas"],
        Couriers: ["Royal Mail", "DPD", "DHL", "UPS", "Evri"],
        Payments: ["credit card", "debit card", "PayPal", "Apple Pay", "a gift card", "Klarna instalments"],
        Numbers: ["3", "5", "7", "10", "14", "15", "30", "60", "90", "180", "365"],
        Categories: ["after-sales policy", "user guide", "delivery", "invoices and payment", "membership", "troubleshooting"],
        Titles: ["{p} service guide", "{p} user manual", "{p} frequently asked questions", "{p} warranty and repair policy", "{p} delivery and installation"],
        Headings:
        [
            "How to {a} your {p}", "Who can {a}", "Steps to {a}", "Fees", "Things to note", "Troubleshooting: it {f}", "Delivery", "Invoices and payment",
            "Warranty", "Membership", "Trade-in offer", "When refunds arrive", "Contact us", "Notes for the {m}", "Installation",
        ],
        Sentences:
        [
            "You can {a} your {p} within {n} days of delivery if it is undamaged.", "Before you {a} it, make sure the {p} comes with all its accessories and the box.",
            "If your {p} {f}, first {x} and see whether it recovers.", "Send your request through {c} and we will contact you within {t}.",
            "The {m} supports this; for other models please check the product page.", "Orders to {r} are usually delivered by {d} within {t}.",
            "Refunds for orders paid by {y} go back to the same account within {t}.", "Please note that personalised items cannot be returned without a fault!",
            "If the {p} {f} during the warranty period, we repair or replace it free of charge.", "Have your order number and receipt ready before you contact us.",
            "Why does my {p} {f}?", "In most cases this is caused by the network or an old firmware version.", "Is your {p} on the latest firmware?",
            "After the update, restart the {p} and pair it in the app again.", "Members get priority review; for everyone else a review takes {t}.",
            "If {d} has not collected the parcel within {n} days, please contact {c}.", "When you send the {p} back, put a note with your order number in the parcel.",
            "Once the returned item passes inspection, the refund is issued within {t}.", "Do not open the {p} yourself, or the warranty may no longer apply!",
            "The battery of the {p} is a consumable part with a {n}-month warranty.", "Business invoices can be requested through {c} within {n} days of the order.",
            "If the company name on an invoice is wrong, we can reissue it once within {t}.", "The trade-in offer is open in {r}, and the old device must still turn on.",
            "A traded-in {p} is valued by its condition, as stated in the inspection report.", "After you book an installation, the engineer calls you within {t} to agree a time.",
            "You can follow the progress of your request on {c}.", "Still not working? Note the serial number of the {p} and contact {c}!",
            "The serial number is on the label under the {p} and in the device page of the app.", "Instalments over {n} months are interest free when you pay by {y}.",
            "An order cannot be cancelled once it has shipped, but you can still {a} it after delivery.", "Large items such as the {p} are delivered to your door; {r} may take {n} extra days.",
            "A factory reset erases everything stored on the {p}, so back it up first.", "Which {p} model did you buy?", "Does it cost anything to {a} a {p}?",
        ],
        Steps:
        [
            "Open {c}", "Choose the {p} you want to {a}", "Describe the problem and add photos", "Wait for our review, which takes {t}", "Send the {p} back",
        ],
        KeywordQueries: ["{p} {a}", "{p} {f}", "{m} {a}", "{a} {p} fee", "{y} refund time"],
        Replacements: "");
}
